package ingest_test

import (
	"context"
	"fmt"
	"os"

	"chronicle/internal/ingest"
)

func ExampleRead() {
	inputs, _, err := ingest.Expand([]string{"testdata/articles.jsonl"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, input := range inputs {
		err := ingest.Read(context.Background(), input, os.Stdin, ingest.Options{}, func(it ingest.Item) error {
			if it.Err != nil {
				fmt.Println("skipped:", it.Err)
				return nil
			}
			fmt.Printf("%s %s %q\n", it.Article.Input, it.Article.ID, it.Article.Title)
			return nil
		})
		if err != nil {
			fmt.Println(err)
		}
	}
	// Output:
	// testdata/articles.jsonl:1 wp-001 "Foreign ministers meet in Ankara over grain corridor"
	// testdata/articles.jsonl:2 wp-002 "Thousands rally in Tbilisi against foreign agents bill"
	// skipped: testdata/articles.jsonl:4: malformed JSON: unexpected end of JSON input
	// skipped: testdata/articles.jsonl:5: record has neither text nor html
	// skipped: testdata/articles.jsonl:6: unparseable published date "next Tuesday" (want YYYY-MM-DD or an RFC 3339 time)
	// skipped: testdata/articles.jsonl:7: empty text
	// testdata/articles.jsonl:8 h09c9660efd4edb76 "Philippine coast guard reports water cannon incident"
	// testdata/articles.jsonl:9 1207 "Mali junta extends transition"
	// skipped: testdata/articles.jsonl:10: malformed record: a JSON array, want an object
}
