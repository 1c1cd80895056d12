// Package ingest is the first pipeline stage: it reads articles from their
// sources and returns them as *news.Article, ready for cleaning and
// extraction.
//
// An input is a file, a folder (see Expand), "-" for standard input, or an
// http(s) URL. The format comes from the file extension, with ".gz" stripped
// and the content gunzipped on the fly; standard input, URLs and unknown
// extensions are sniffed from the Content-Type and the first bytes:
//
//   - JSONL (.jsonl, .ndjson): one record per line, {"id", "url", "source",
//     "title", "published", "text" | "html"}, streamed line by line. A bad
//     line is reported as an Item error and reading goes on.
//   - plain text (.txt): the whole file is one article; a short first line
//     followed by a blank line is its title.
//   - HTML (.html, .htm): the main content and metadata are extracted with
//     go-trafilatura; paragraphs are separated by a blank line.
//   - RSS and Atom (.xml, .rss, .atom): every item is an article, its text
//     taken from the item or, with Options.Follow, from the linked page.
//   - WARC (.warc): HTML response records of a web archive, one article each.
//
// The WARC reader is written here rather than taken from a module: the Go
// WARC libraries are unmaintained or not reachable from this build, and
// what the pipeline needs is small (version line, headers, Content-Length
// blocks, the HTTP response inside). Writing it also lets it stream records
// one at a time with a per-record size limit, and treat a damaged record as
// an error of that record rather than of the archive.
//
// Every article gets Input (where it was read: "path" or "path:line", the
// line being the JSONL line, WARC record or feed item number), Hash (see
// ContentHash) and an ID: the input's own id when it has one, else
// ContentID. Text is stored as read, with line endings normalised to "\n"
// and surrounding white space trimmed; every later span indexes it. Reading
// does not remove bylines, datelines or page furniture: cleaning does that
// afterwards, on the article read here.
//
// Inputs are streamed: memory holds at most one article (Options.MaxBytes)
// however large the input. An input that cannot be read at all is an
// *InputError; a record of it that cannot be read is an Item carrying an
// *InputError, and the rest of the input is still read.
//
// ingest imports news and the parsing libraries; it must not import store,
// extract, resolve, link or pipeline.
package ingest
