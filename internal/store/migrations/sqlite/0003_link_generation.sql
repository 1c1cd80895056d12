-- The generation of the linker's stored state: SaveLinks adds one to it in
-- every transaction that writes links, so that a linker keeping stored
-- state in memory can tell whether anything else wrote links since it
-- last read or wrote them.
CREATE TABLE link_generation (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	generation INTEGER NOT NULL
);

INSERT INTO link_generation (id, generation) VALUES (1, 0);
