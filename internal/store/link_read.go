package store

import (
	"context"
	"database/sql"
)

// linkRead runs fn in a transaction on the writer's connection, for the
// linker's reads. Each step of linking reads the pages it then writes
// (index keys, story members, link state), and the writer's page cache
// keeps them from one step to the next, while a reader's cache is dropped
// whenever another connection has committed: read there, every page of a
// step would be read from the file, or the write-ahead log, twice. The
// transaction takes the write lock, as every transaction on that
// connection does (see Open), and writes nothing: fn must not write, nor
// call methods of db that write.
func (db *DB) linkRead(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return readTx(ctx, db.w, nil, fn)
}
