import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { parseArticleFile } from "../article/parse.ts";
import { contentHash, toStored } from "../article/parse-cache.ts";
import type { ParsedElsewhere } from "../article/load.ts";
import { articleFields, digestArticle, figuresOf } from "./archive.ts";
import { resolveImage } from "./image-files.ts";
import type { ParseWorkerInput, ParseWorkerMessage } from "./parse-in-workers.ts";

/** Results go in batches: the main thread takes each while this one parses on. */
const BATCH = 256;

const { input } = workerData as { input: ParseWorkerInput };
const post = (message: ParseWorkerMessage) => parentPort?.postMessage(message);
let batch: ParsedElsewhere[] = [];
for (const job of input.jobs) {
  const bytes = readFileSync(job.abs);
  const { article, problems, dateWritten } = parseArticleFile(job.display, bytes, input.timeZone);
  const parsed: ParsedElsewhere = { problems, dateWritten };
  if (job.racy) parsed.racyHash = contentHash(bytes);
  if (article) {
    parsed.stored = toStored(article);
    if (!article.draft) {
      const urls = article.images.map((image) => (image.src ? resolveImage(input.articlesDir, article, image)?.url : undefined));
      const { digest, html } = digestArticle(article, figuresOf(article, urls, input.strings), articleFields(article, input.strings));
      parsed.digest = digest;
      parsed.html = html;
    }
  }
  batch.push(parsed);
  if (batch.length === BATCH) {
    post({ parsed: batch });
    batch = [];
  }
}
if (batch.length > 0) post({ parsed: batch });
post({ done: true });
