// Package ingest is the first pipeline stage: it reads articles from their
// sources and returns them as *news.Article, ready for cleaning and
// extraction.
//
// An input is a file, a folder (see Expand), "-" for standard input, or an
// http(s) URL. The format comes from the file extension, with ".gz" stripped
// and the content gunzipped on the fly; standard input, URLs and unknown
// extensions are sniffed from the Content-Type, then from the first bytes
// ('{' is JSONL, "WARC/1." is WARC, an <rss>, <feed> or <rdf> root is a
// feed, an <html> document is HTML, anything else is text):
//
//   - JSONL (.jsonl, .ndjson): one record per line, {"id", "url", "source",
//     "title", "published", "text" | "html"}, streamed line by line. A bad
//     line is reported as an Item error and reading goes on. "html" goes
//     through the HTML path, the record's metadata winning over the page's.
//   - plain text (.txt): the whole file is one article; a short first line
//     followed by a blank line is its title.
//   - HTML (.html, .htm): the main text and the metadata (title, author,
//     date, site name, canonical URL) are extracted with go-trafilatura;
//     paragraphs are separated by a blank line. The character set comes
//     from the Content-Type or the page, and text is always UTF-8.
//   - RSS and Atom (.xml, .rss, .atom): every item is an article, its id the
//     item's GUID, its text the item's content or description or, with
//     Options.Follow, the main text of the page it links to.
//   - WARC (.warc): every response record holding a 2xx HTML page is an
//     article, its URL the WARC-Target-URI and its date, when the page has
//     none, the WARC-Date. Other records are skipped.
//
// The WARC reader is written here rather than taken from a module: no
// maintained Go WARC module is available to this build, and what the
// pipeline needs is small (version line, named fields, Content-Length
// blocks, the HTTP response inside with its chunked and gzip encodings).
// Writing it also lets it stream one record at a time under a per-record
// size limit, and report a damaged page as an error of its record rather
// than of the archive.
//
// Every article gets Input (where it was read: "path" or "path:N", N being
// the JSONL line, WARC record or feed item number; standard input is
// "stdin"), Hash (see ContentHash) and an ID: the input's own id (JSONL id,
// feed GUID) when it has one, else ContentID, so that the same content read
// twice gets the same id. Source is the input's source, else the page's
// site name or the feed's title, else the URL's host without "www.". Text
// is stored as read, with line endings normalised to "\n", surrounding
// white space trimmed and mojibake repaired (UTF-8 once mis-decoded as
// Windows-1252: "â€™" is "’" again; see mojibake.go); every later span
// indexes it. Reading does not remove
// bylines, datelines or page furniture: cleaning does that afterwards, on
// the article read here.
//
// Inputs are streamed: memory holds at most one article (Options.MaxBytes)
// however large the input. An input that cannot be read at all (missing,
// empty, binary, invalid UTF-8, too large, unreadable gzip, not the format
// its name says) is an *InputError; a record of it that cannot be read is
// an Item carrying an *InputError, and the rest of the input is still read.
//
// ingest imports news and the parsing libraries; it must not import store,
// extract, resolve, link or pipeline.
package ingest
