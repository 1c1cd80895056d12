//go:build unix

package store

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time the process has used, so that a
// benchmark can report a rate that other processes on the machine do not
// change.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
