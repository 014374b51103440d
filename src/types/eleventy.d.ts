/**
 * The part of Eleventy 3's API this project uses. Eleventy ships JSDoc, not declarations; typing
 * only what we call keeps `tsc` strict without type-checking Eleventy's own sources.
 */
declare module "@11ty/eleventy" {
  export interface EleventyEventArgs {
    /** Deprecated by Eleventy and not normalised (always the config's output): use `directories`. */
    dir: { input: string; output: string; includes: string; data: string };
    directories: { input: string; output: string; includes: string; data: string };
    runMode: "build" | "watch" | "serve";
    outputMode: string;
    incremental: boolean;
  }
  export interface EleventyPageContext {
    page?: { url: string; inputPath: string; outputPath: string | false };
  }
  export interface UserConfig {
    pathPrefix: string;
    directories: { input: string; output: string; includes: string; data: string };
    addPlugin<O>(plugin: (config: UserConfig, options: O) => void | Promise<void>, options?: O): void;
    addPlugin(plugin: unknown, options?: unknown): void;
    addFilter(name: string, fn: (this: EleventyPageContext, ...args: never[]) => unknown): void;
    addAsyncFilter(name: string, fn: (this: EleventyPageContext, ...args: never[]) => Promise<unknown>): void;
    /** A filter for Nunjucks alone, called as it is (no page context; Eleventy 3 wraps a universal filter per call). */
    addNunjucksFilter(name: string, fn: (...args: never[]) => unknown): void;
    addGlobalData(name: string, value: unknown): void;
    addDataExtension(extensions: string, options: { parser: (text: string) => unknown }): void;
    addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
    addPassthroughCopy(map: string | Record<string, string>): void;
    addWatchTarget(path: string): void;
    setTemplateFormats(formats: string[]): void;
    setQuietMode(quiet: boolean): void;
    setServerOptions(options: Record<string, unknown>): void;
    ignores: { add(glob: string): void; delete(glob: string): void };
    watchIgnores: { add(glob: string): void };
    on(event: "eleventy.before" | "eleventy.after", fn: (args: EleventyEventArgs) => void | Promise<void>): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    setLibrary(engine: string, library: unknown): void;
    addNunjucksGlobal(name: string, value: unknown): void;
  }
  export interface EleventyOptions {
    configPath?: string;
    pathPrefix?: string;
    quietMode?: boolean;
    runMode?: "build" | "watch" | "serve";
    config?: (config: UserConfig) => void | Promise<void>;
  }
  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
  }
  export const HtmlBasePlugin: (config: UserConfig, options?: Record<string, unknown>) => void;
}

declare module "@11ty/eleventy-plugin-rss" {
  import type { UserConfig } from "@11ty/eleventy";
  const rssPlugin: (config: UserConfig, options?: Record<string, unknown>) => void;
  export default rssPlugin;
}
