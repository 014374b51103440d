import type { UserConfig } from "@11ty/eleventy";

/**
 * What Eleventy reads from the repository: only the Nunjucks layouts and partials. Articles are
 * loaded by the archive model, never as templates, so their folder is ignored wherever it is.
 */
export default function inputsPlugin(config: UserConfig, options: { articlesDir: string }): void {
  config.setTemplateFormats(["njk"]);
  for (const ignored of ["node_modules/**", "articles/**", "tests/**", "src/**", "deploy/**", "*.md"]) config.ignores.add(ignored);
  config.ignores.add(`${options.articlesDir}/**`);
}

/** The folders and engines both configurations (the site and the benchmark's baseline) return. */
export function eleventyDirectories() {
  return {
    dir: { input: ".", includes: "_includes", data: "_data" },
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
}
