package input

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// A .zip archive is read in place, as the folder it holds: nothing is
// extracted to disk. A member is named after the archive and its path
// inside it, "Your Orders.zip:Your Amazon Orders/Order History.csv", in
// messages and reports.

// MemberLimit is the most a member of an archive may hold when it is read
// whole (an order-history export, a confirmations file, a mail): beyond it,
// a few kilobytes of archive could fill the memory. Statements are streamed
// and have no such limit.
const MemberLimit = 64 << 20

// IgnoredFile is a file found in a folder or archive that is not read, and why.
type IgnoredFile struct {
	Path   string
	Reason *msg.Message
}

// isZipName reports whether a file's name says it is a zip archive.
func isZipName(name string) bool {
	return strings.EqualFold(path.Ext(name), ".zip")
}

// splitMember splits the name of an archive's member into the archive's
// path and the member's path inside it; ok is false for a plain file.
func splitMember(name string) (archive, member string, ok bool) {
	lower := strings.ToLower(name)
	for from := 0; ; {
		i := strings.Index(lower[from:], ".zip:")
		if i < 0 {
			return "", "", false
		}
		end := from + i + len(".zip")
		if info, err := os.Stat(name[:end]); err == nil && info.Mode().IsRegular() {
			if _, err := os.Lstat(name); err != nil { // not a file of that very name
				return name[:end], name[end+1:], true
			}
		}
		from = end
	}
}

// openArchives holds the archives opened while a command runs: each is
// opened, and its directory read, once, however many of its members are
// read (an archive of thousands of mails would be read thousands of times
// over). closeArchives closes them when the command ends.
var openArchives = struct {
	sync.Mutex
	byPath map[string]*zipArchive
}{byPath: map[string]*zipArchive{}}

// zipArchive is an open archive and its members by name. Members may be
// opened and read at the same time from several goroutines.
type zipArchive struct {
	zr      *zip.ReadCloser
	members map[string]*zip.File
	err     error // why it cannot be read, for every member asked for
}

// openArchive returns the archive at path, opened once per command.
func openArchive(path string) (*zipArchive, error) {
	openArchives.Lock()
	defer openArchives.Unlock()
	if a, ok := openArchives.byPath[path]; ok {
		return a, a.err
	}
	a := &zipArchive{}
	a.zr, a.err = zip.OpenReader(path)
	if a.err == nil {
		a.members = make(map[string]*zip.File, len(a.zr.File))
		for _, f := range a.zr.File {
			if f.FileInfo().IsDir() || strings.HasSuffix(f.Name, "/") {
				continue
			}
			if _, dup := a.members[f.Name]; dup {
				// Which of the two the person meant cannot be told; reading
				// one would leave the other out in silence.
				a.err = msg.Msgf("holds two members named %q: unzip it and keep the one to read", f.Name)
				break
			}
			a.members[f.Name] = f
		}
	}
	openArchives.byPath[path] = a
	return a, a.err
}

// CloseArchives closes the archives the command opened.
func CloseArchives() {
	openArchives.Lock()
	defer openArchives.Unlock()
	for path, a := range openArchives.byPath {
		if a.zr != nil {
			a.zr.Close()
		}
		delete(openArchives.byPath, path)
	}
}

// memberProblem says why a member of an archive cannot be read as a file,
// nil when it can: a symbolic link would be read as its target's path, an
// encrypted member as noise.
func memberProblem(f *zip.File) *msg.Message {
	switch {
	case f.Mode()&fs.ModeSymlink != 0:
		return msg.Msgf("is a symbolic link, not a regular file: give the file it points to")
	case f.Mode()&fs.ModeType != 0:
		return msg.Msgf("is not a regular file")
	case f.Flags&0x1 != 0:
		return msg.Msgf("is protected by a password: unzip it with the password, and give the file itself")
	}
	return nil
}

// openInput opens a file, or a member of an archive, for reading.
func openInput(name string) (io.ReadCloser, error) {
	archive, member, ok := splitMember(name)
	if !ok {
		return os.Open(name)
	}
	a, err := openArchive(archive)
	if err != nil {
		return nil, err
	}
	f, ok := a.members[member]
	if !ok {
		return nil, fs.ErrNotExist
	}
	if why := memberProblem(f); why != nil {
		return nil, why
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &memberReader{ReadCloser: rc, size: f.UncompressedSize64}, nil
}

// memberReader reads one member of an archive; the archive stays open for
// the others.
type memberReader struct {
	io.ReadCloser
	size uint64 // as the archive states it; reading stops with an error where it lies
}

// readUpTo reads r to its end, or to limit bytes. A file that tells its
// size is read into one buffer of that size, not into one grown and copied
// as it fills: twice the file in garbage, which for the disputes of a long
// incident was megabytes.
func readUpTo(r io.Reader, limit int64) ([]byte, error) {
	room := 0
	if size := textenc.SizeOf(r); size >= 0 && int64(size) < limit {
		room = size
	}
	// bytes.MinRead more than the size: room to read the end of the file
	// (or a few bytes it grew by) without growing the buffer.
	buf := bytes.NewBuffer(make([]byte, 0, room+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(r, limit))
	return buf.Bytes(), err
}

// readWhole reads a file or member that is read whole into memory: one
// over memberLimit is refused, whatever its archive or the file system says
// of its size (a pipe or a device says none, /dev/zero never ends).
func readWhole(name string) ([]byte, error) {
	rc, err := openInput(name)
	if err != nil {
		return nil, &parser.Error{File: name, Err: OpenError(err)}
	}
	defer rc.Close()
	m, isMember := rc.(*memberReader)
	if !isMember {
		data, err := readUpTo(rc, MemberLimit+1)
		if err != nil {
			return nil, &parser.Error{File: name, Err: OpenError(err)}
		}
		if len(data) > MemberLimit {
			return nil, &parser.Error{File: name, Err: msg.Msgf("file is larger than %d MiB, the most refundwatch reads of such a file; is it the right file?", MemberLimit>>20)}
		}
		return data, nil
	}
	tooLarge := &parser.Error{File: name, Err: msg.Msgf("is larger than %d MiB, the most a member of an archive may hold when it is read whole; unzip it, or give the file itself", MemberLimit>>20)}
	if m.size > MemberLimit {
		return nil, tooLarge
	}
	data, err := io.ReadAll(io.LimitReader(rc, MemberLimit+1))
	if err != nil {
		return nil, &parser.Error{File: name, Err: err}
	}
	if len(data) > MemberLimit {
		return nil, tooLarge
	}
	return data, nil
}

// statInput describes a file, or, for a member, its archive: what tells
// whether it changed between two reads.
func statInput(name string) (fs.FileInfo, error) {
	if archive, _, ok := splitMember(name); ok {
		return os.Stat(archive)
	}
	return os.Stat(name)
}

// listArchive returns the members of a zip archive to read, named as
// splitMember reads them (their paths as written in the archive), in name
// order; and those it ignores (ignoredReason, hidden files and folders).
func listArchive(archive string) ([]string, []IgnoredFile, error) {
	a, err := openArchive(archive)
	if err != nil {
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrAlgorithm) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, nil, &parser.Error{File: archive, Err: msg.Msgf("is not a zip archive that can be read (%v)", err)}
		}
		var m *msg.Message
		if errors.As(err, &m) {
			return nil, nil, &parser.Error{File: archive, Err: err}
		}
		return nil, nil, &parser.Error{File: archive, Err: OpenError(err)}
	}
	var files []string
	var ignored []IgnoredFile
	for member, f := range a.members {
		name := archive + ":" + member
		if why := ignoredReason(member); why != nil {
			ignored = append(ignored, IgnoredFile{name, why})
			continue
		}
		if hiddenPath(member) {
			ignored = append(ignored, IgnoredFile{name, msg.Msgf("a hidden file or in a hidden folder")})
			continue
		}
		if why := memberProblem(f); why != nil {
			return nil, nil, &parser.Error{File: name, Err: why}
		}
		files = append(files, name)
	}
	slices.Sort(files)
	slices.SortFunc(ignored, func(a, b IgnoredFile) int { return strings.Compare(a.Path, b.Path) })
	return files, ignored, nil
}

// hiddenPath reports whether a member lies in a hidden folder or is a
// hidden file (its name starts with a dot), as expand leaves out of folders.
// The . and .. of a path (./Takeout/…, ../x) are no hidden folders.
func hiddenPath(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if part != "." && part != ".." && strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

// ignoredReason says why a file found in a folder or archive is not read
// whatever flag it is given to: a PDF, an image, or a file macOS or Windows
// leaves beside others (.DS_Store, AppleDouble ._ files, Thumbs.db); nil
// for the others.
func ignoredReason(name string) *msg.Message {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	lower := strings.ToLower(base)
	switch {
	case lower == ".ds_store" || strings.HasPrefix(base, "._") || strings.HasPrefix(name, "__MACOSX/") ||
		lower == "thumbs.db" || lower == "desktop.ini":
		return msg.Msgf("a file the system keeps beside others, not an export")
	case strings.HasSuffix(lower, ".pdf"):
		return msg.Msgf("a PDF; only CSV and OFX exports and mails are read")
	}
	switch path.Ext(lower) {
	case ".png", ".jpg", ".jpeg", ".gif", ".heic", ".webp", ".tif", ".tiff", ".bmp":
		return msg.Msgf("an image; only CSV and OFX exports and mails are read")
	}
	return nil
}
