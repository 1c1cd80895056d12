package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"chronicle/internal/news"
)

// SaveStories stores the stories, replacing the stored stories with the
// same ids, and sets the story of each of their articles. Articles that a
// replaced story held and the new one does not are left without a story;
// ids of articles not stored are skipped, since an article stored later
// carries its own Story. A story without an id is an error wrapping
// news.ErrInvalid.
func (db *DB) SaveStories(ctx context.Context, stories []news.Story) error {
	for i, s := range stories {
		if s.ID == "" {
			return fmt.Errorf("save stories: story %d has no id: %w", i, news.ErrInvalid)
		}
	}
	return db.write(ctx, func(tx *sql.Tx) (err error) {
		var stmts [4]*sql.Stmt
		defer func() {
			for _, s := range stmts {
				if s != nil {
					err = errors.Join(err, s.Close())
				}
			}
		}()
		for i, q := range []string{
			`DELETE FROM stories WHERE id = $1`,
			`INSERT INTO stories (id, title, first, last) VALUES ($1, $2, $3, $4)`,
			`UPDATE articles SET story = NULL WHERE story = $1`,
			`UPDATE articles SET story = $1 WHERE id = $2`,
		} {
			if stmts[i], err = tx.PrepareContext(ctx, q); err != nil {
				return fmt.Errorf("save stories: prepare: %v", err)
			}
		}
		del, ins, unset, set := stmts[0], stmts[1], stmts[2], stmts[3]
		for _, s := range stories {
			if _, err := del.ExecContext(ctx, s.ID); err != nil {
				return fmt.Errorf("save story %s: %v", s.ID, err)
			}
			if _, err := ins.ExecContext(ctx, s.ID, nullable(s.Title), nullable(s.First), nullable(s.Last)); err != nil {
				return fmt.Errorf("save story %s: %v", s.ID, err)
			}
			if _, err := unset.ExecContext(ctx, s.ID); err != nil {
				return fmt.Errorf("save story %s: %v", s.ID, err)
			}
			for _, a := range s.Articles {
				if _, err := set.ExecContext(ctx, s.ID, string(a)); err != nil {
					return fmt.Errorf("save story %s: article %s: %v", s.ID, a, err)
				}
			}
		}
		return nil
	})
}

// Stories calls fn for each stored story in the order of their ids, with
// the ids of the stored articles that belong to it, sorted. An error from
// fn stops the iteration and is returned as it is.
func (db *DB) Stories(ctx context.Context, fn func(news.Story) error) error {
	var cur *news.Story
	err := db.stream(ctx, "stories", `SELECT s.id, s.title, s.first, s.last, a.article
		FROM stories s LEFT JOIN story_articles a ON a.story = s.id ORDER BY s.id, a.article`, func(rows *sql.Rows) error {
		var (
			id                        string
			title, first, last, artID sql.NullString
		)
		if err := rows.Scan(&id, &title, &first, &last, &artID); err != nil {
			return err
		}
		if cur != nil && cur.ID != id {
			if err := fn(*cur); err != nil {
				return stopError{err}
			}
			cur = nil
		}
		if cur == nil {
			cur = &news.Story{ID: id, Title: title.String, First: first.String, Last: last.String}
		}
		if artID.Valid {
			cur.Articles = append(cur.Articles, news.ArticleID(artID.String))
		}
		return nil
	})
	if err != nil || cur == nil {
		return err
	}
	return fn(*cur)
}
