export * from "./cli.ts";
export * from "./html.ts";
export * from "./xml.ts";
export * from "./articles.ts";
export * from "./feeds.ts";
export * from "./site-fixture.ts";
export * from "./problem-sets.ts";
