package org.albs.adapter.out.localstore;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.albs.domain.artifacts.PackageMeta;

/**
 * Reads what the store keeps of a package from its RPM header: name, epoch, version, release, arch and the source
 * RPM it was built from. Only the lead, the signature header and the main header are read (a few KiB), never the
 * payload. A file that is not an RPM package is refused with {@link NotAPackageException}.
 */
final class RpmHeader {
    private static final int LEAD_SIZE = 96;
    private static final int LEAD_MAGIC = 0xedabeedb;
    private static final int HEADER_MAGIC = 0x8eade801;
    private static final int MAX_INDEX_ENTRIES = 100_000;
    private static final int MAX_STORE_SIZE = 256 << 20;
    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_I18NSTRING = 9;
    private static final int NAME = 1000;
    private static final int VERSION = 1001;
    private static final int RELEASE = 1002;
    private static final int EPOCH = 1003;
    private static final int ARCH = 1022;
    private static final int SOURCERPM = 1044;
    private static final int SOURCEPACKAGE = 1106;

    /** The file is not an RPM package, or its header is damaged. */
    static final class NotAPackageException extends Exception {
        NotAPackageException(String message) {
            super(message);
        }
    }

    private record Entry(int tag, int type, int offset, int count) {
    }

    private RpmHeader() {
    }

    static PackageMeta read(Path file) throws IOException, NotAPackageException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] lead = new byte[LEAD_SIZE];
            in.readFully(lead);
            if (ByteBuffer.wrap(lead).getInt() != LEAD_MAGIC) {
                throw new NotAPackageException("not an RPM package (no RPM lead)");
            }
            boolean sourceLead = ByteBuffer.wrap(lead).getShort(6) == 1;
            int signatureStore = skipHeader(in, "signature");
            int padding = (8 - (signatureStore % 8)) % 8;
            in.skipNBytes(padding);
            Map<Integer, Object> tags = header(in);
            String name = string(tags, NAME);
            String version = string(tags, VERSION);
            String release = string(tags, RELEASE);
            String arch = string(tags, ARCH);
            Object epoch = tags.get(EPOCH);
            String sourceRpm = tags.get(SOURCERPM) instanceof String s && !s.isEmpty() ? s : null;
            boolean source = sourceLead || tags.containsKey(SOURCEPACKAGE) || sourceRpm == null;
            return new PackageMeta(name, epoch == null ? null : epoch.toString(), version, release,
                    source ? "src" : arch, source ? null : sourceRpm);
        } catch (EOFException e) {
            throw new NotAPackageException("truncated RPM header");
        }
    }

    private static String string(Map<Integer, Object> tags, int tag) throws NotAPackageException {
        if (tags.get(tag) instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new NotAPackageException("the RPM header has no tag " + tag);
    }

    private static int[] intro(DataInputStream in, String which) throws IOException, NotAPackageException {
        if (in.readInt() != HEADER_MAGIC) {
            throw new NotAPackageException("damaged RPM " + which + " header (bad magic)");
        }
        in.readInt();
        int entries = in.readInt();
        int store = in.readInt();
        if (entries < 0 || entries > MAX_INDEX_ENTRIES || store < 0 || store > MAX_STORE_SIZE) {
            throw new NotAPackageException("damaged RPM " + which + " header (sizes " + entries + ", " + store + ")");
        }
        return new int[] {entries, store};
    }

    private static int skipHeader(DataInputStream in, String which) throws IOException, NotAPackageException {
        int[] sizes = intro(in, which);
        in.skipNBytes(16L * sizes[0] + sizes[1]);
        return sizes[1];
    }

    private static Map<Integer, Object> header(DataInputStream in) throws IOException, NotAPackageException {
        int[] sizes = intro(in, "main");
        Entry[] index = new Entry[sizes[0]];
        for (int i = 0; i < index.length; i++) {
            index[i] = new Entry(in.readInt(), in.readInt(), in.readInt(), in.readInt());
        }
        byte[] store = new byte[sizes[1]];
        in.readFully(store);
        Map<Integer, Object> values = new HashMap<>();
        for (Entry e : index) {
            boolean wanted = e.tag() == NAME || e.tag() == VERSION || e.tag() == RELEASE || e.tag() == EPOCH
                    || e.tag() == ARCH || e.tag() == SOURCERPM || e.tag() == SOURCEPACKAGE;
            if (!wanted) {
                continue;
            }
            if (e.offset() < 0 || e.offset() >= store.length) {
                throw new NotAPackageException("damaged RPM header (tag " + e.tag() + " outside its store)");
            }
            if (e.type() == TYPE_STRING || e.type() == TYPE_I18NSTRING) {
                int end = e.offset();
                while (end < store.length && store[end] != 0) {
                    end++;
                }
                values.put(e.tag(), new String(store, e.offset(), end - e.offset(), StandardCharsets.UTF_8));
            } else if (e.type() == TYPE_INT32 && e.offset() + 4 <= store.length) {
                values.put(e.tag(), Integer.toUnsignedLong(ByteBuffer.wrap(store, e.offset(), 4).getInt()));
            } else {
                values.put(e.tag(), "");
            }
        }
        return values;
    }
}
