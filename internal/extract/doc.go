// Package extract is the pipeline stage that reads an article's text:
// news.Article -> sentences, mentions, dates, quotes and events, each with
// byte offsets into the article's Text and the name of the rule that found
// it.
//
// It works on the text as read, skipping the spans the cleaner removed
// (Article.Removed): Split cuts the text into sentences, and the later
// steps find mentions, dates, quotes and events within them. What it knows
// of names, places and event patterns comes from kb; its own word lists
// are embedded data files (sentences.rules and mentions.rules).
//
// extract reads kb and news; it never imports store, net/http or database
// drivers.
package extract
