package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGoldenUpdateThenCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	Golden(t, path, []byte("one\n"), true)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "one\n" {
		t.Errorf("golden file = %q, want %q", b, "one\n")
	}
	Golden(t, path, []byte("one\n"), false)
}

func TestModuleRoot(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Errorf("moduleRoot() = %s, which holds no go.mod: %v", root, err)
	}
}

func TestPeakRSSKiB(t *testing.T) {
	_, err := os.Stat("/proc/self/status")
	got := PeakRSSKiB()
	switch {
	case err == nil && got <= 0:
		t.Errorf("PeakRSSKiB() = %d, want > 0 where /proc is available", got)
	case err != nil && got != 0:
		t.Errorf("PeakRSSKiB() = %d, want 0 without /proc", got)
	}
}
