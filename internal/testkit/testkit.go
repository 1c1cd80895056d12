// Package testkit holds the helpers Chronicle's tests share: golden-file
// comparison, the location of the shared evaluation data sets, and the
// process's peak memory for benchmarks.
//
// It is imported by _test.go files only; no package's own code may import
// it (arch_test.go checks this). It imports the standard library and
// go-cmp only.
package testkit

import (
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Golden compares got with the golden file at path, or rewrites the file
// with got when update is set (the tests' -update flag).
func Golden(tb testing.TB, path string, got []byte, update bool) {
	tb.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		tb.Errorf("output differs from %s (-want +got):\n%s", path, diff)
	}
}

// SharedData returns the folder of the evaluation data set name under
// ../shared/data beside the module's root, and skips the test with a
// message naming it when it is not on this machine.
func SharedData(tb testing.TB, name string) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Skipf("../shared/data/%s not present: %v", name, err)
	}
	dir := filepath.Join(root, "..", "shared", "data", name)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("../shared/data/%s not present: %v", name, err)
	}
	return dir
}

// moduleRoot walks up from the working directory to the folder holding
// go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// PeakRSSKiB returns the process's peak resident set size in KiB (VmHWM),
// or 0 where /proc is not available.
func PeakRSSKiB() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}

// GuardianTexts returns the article texts of the Guardian sample
// (../shared/data/guardian-sdf-sample), the real articles the tests check
// invariants on, and skips the test when the data set is absent.
func GuardianTexts(tb testing.TB) []string {
	tb.Helper()
	path := filepath.Join(SharedData(tb, "guardian-sdf-sample"), "Guardian_SDF_sample.csv")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	col := -1
	for i, h := range header {
		if strings.EqualFold(h, "text") {
			col = i
		}
	}
	if col < 0 {
		tb.Fatalf("%s: no text column in %q", path, header)
	}
	var texts []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		if col < len(rec) {
			texts = append(texts, rec[col])
		}
	}
	if len(texts) == 0 {
		tb.Fatalf("%s: no articles", path)
	}
	return texts
}
