package store_test

import (
	"context"
	"fmt"
	"log"

	"chronicle/internal/news"
	"chronicle/internal/store"
)

func ExampleOpen() {
	ctx := context.Background()
	// A file path in real use; ":memory:" keeps the example self-contained.
	db, err := store.Open(ctx, ":memory:")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	text := "Ministers met in Geneva on Tuesday."
	art := &news.Article{
		ID:        "a-1",
		Source:    "example-wire",
		Text:      text,
		Hash:      "2f1c",
		Sentences: []news.Sentence{{Index: 0, Span: news.Span{Start: 0, End: len(text)}}},
	}
	for range 2 {
		out, err := db.SaveArticles(ctx, []*news.Article{art})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(out)
	}
	c, err := db.Counts(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Articles, "article,", c.Sentences, "sentence")
	// Output:
	// [new]
	// [unchanged]
	// 1 article, 1 sentence
}
