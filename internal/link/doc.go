// Package link is the pipeline's linking stage: it connects what separate
// articles report, so that counts mean something. One kidnapping reported
// by two hundred articles is one event with two hundred pieces of
// evidence, not two hundred events.
//
// It reads stored articles (*news.Article with their mentions, events and
// quotes) through the small Store interface, which *store.DB satisfies,
// and writes back through it:
//
//   - near-duplicates: syndicated and lightly edited copies of one wire
//     story, found with MinHash over word shingles, each pointing at its
//     original (news.Article.DuplicateOf): the first copy in canonical
//     order (publication time, then id);
//   - stories: articles about one real-world happening and its follow-ups
//     (news.Story), from shared names, places, numbers, words and dates;
//     a live blog belongs to the story of each happening it follows;
//   - linked events: reports of one event within a story merged into one
//     news.Event whose evidence lists every reporting sentence, whose
//     SourceCount counts independent publishers and whose quantities keep
//     the range reported;
//   - quote clusters: the same statement in several articles of a story
//     (news.Quote.Cluster);
//   - timelines: Timeline orders the linked events in which one entity
//     takes part by their dates.
//
// Stories are bounded against chaining. Single links chain: two
// look-alike happenings on the same days (two attacks in one city, two
// trials in one court) share a place, the words of their kind and a few
// names by chance, so a report of one is weakly like some report of the
// other, and one weak link among thousands of pairs merges both stories,
// which then merge with the next look-alike, until a story spans weeks of
// unrelated happenings and every new article reloads all of it. So links
// are strong (near-duplicates, or similar at DefaultStrongThreshold: the
// same names and most of the words) or weak. Strong links always join.
// An article with strong links is in its story through them, and its weak
// links to other stories are dropped; an article without strong links (a
// differently worded report, a follow-up) joins through its two most
// similar weak links only. A story is thus a core of strongly linked
// reports with weakly linked ones attached. Two cores are one story when
// their reports are alike on average, not by a few chance links: reports
// of one happening worded apart (an agency's copy and a local paper's)
// form cores of their own, each of whose members is weakly like most
// members of the other, while the cores of look-alike happenings share
// weak links between a few of their members.
// The rule depends only on the graph, not on the order of arrival: an
// article's strong and best weak links are in its own story, so
// recomputing the stories an article enters or leaves sees them all; when
// an article is replaced or deleted, the other members of its stories also
// look for their next best links in the store, and so does an article
// whose first strong link is to a new one, since its weak links now count
// towards joining its core with others.
//
// The pipeline's coding workers call Linker.Prepare on each coded article,
// which profiles it in parallel with the others, and its one writer calls
// Linker.LinkSaved with each batch it has stored (or Linker.Link with the
// ids of a batch, which profiles them itself, on every core). Linking is incremental and its
// results do not depend on the order in which articles arrive; Link
// documents how.
//
// Its knowledge (stopwords, PLOVER type families, ordinal words) is in the
// embedded data files stopwords.txt, families.tsv and ordinals.tsv. link
// imports news, store (for the record types of its Store interface) and
// the standard library; it must
// not import the pipeline, ingest, extract, resolve or net/http.
package link
