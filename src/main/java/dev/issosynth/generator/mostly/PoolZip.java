package dev.issosynth.generator.mostly;

import dev.issosynth.generator.ExternalModelException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Takes one table's CSV out of a synthetic dataset download: a zip with a folder per table holding one or more CSV
 * parts. Parts are joined in name order, each later part's header checked against the first and dropped. Entry
 * names are never used as paths, so a hostile zip cannot write outside the target.
 */
final class PoolZip {
    private PoolZip() {
    }

    /** Writes table {@code table}'s rows (one header) to {@code csv}; the table is the only one if names differ. */
    static void extractTable(Path zip, String table, Path csv) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<ZipEntry> parts = csvParts(z, table, zip);
            byte[] header = null;
            try (LastByte out = new LastByte(new BufferedOutputStream(Files.newOutputStream(csv)))) {
                for (ZipEntry e : parts) {
                    try (InputStream in = z.getInputStream(e)) {
                        byte[] first = firstLine(in);
                        if (header == null) {
                            header = first;
                            out.write(first);
                        } else if (!Arrays.equals(stripEol(first), stripEol(header))) {
                            throw new ExternalModelException("MOSTLY AI download " + zip.getFileName() + ": part "
                                    + e.getName() + " has another header than the first part");
                        }
                        if (out.last != '\n' && out.last != -1) {
                            out.write('\n'); // a part that ends without a line break
                        }
                        in.transferTo(out);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new ExternalModelException("MOSTLY AI download " + zip.getFileName() + " is not a zip file: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + ": " + e.getMessage(), e);
        }
    }

    private static List<ZipEntry> csvParts(ZipFile z, String table, Path zip) {
        List<ZipEntry> csvs = new ArrayList<>();
        TreeSet<String> folders = new TreeSet<>();
        z.stream().filter(e -> !e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".csv")
                && !e.getName().startsWith("__MACOSX/")).forEach(e -> {
                    csvs.add(e);
                    folders.add(folder(e));
                });
        String chosen = folders.contains(table) ? table : folders.size() == 1 ? folders.first() : null;
        if (chosen == null) {
            throw new ExternalModelException("MOSTLY AI download " + zip.getFileName() + " has "
                    + (folders.isEmpty() ? "no CSV file" : "no table '" + table + "' among " + folders));
        }
        return csvs.stream().filter(e -> folder(e).equals(chosen)).sorted(Comparator.comparing(ZipEntry::getName))
                .toList();
    }

    private static String folder(ZipEntry e) {
        int slash = e.getName().indexOf('/');
        return slash < 0 ? "" : e.getName().substring(0, slash);
    }

    /** Remembers the last byte written (-1 before any). */
    private static final class LastByte extends java.io.FilterOutputStream {
        int last = -1;

        LastByte(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            last = b & 0xFF;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (len > 0) {
                last = b[off + len - 1] & 0xFF;
            }
        }
    }

    private static byte[] firstLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toByteArray();
    }

    private static byte[] stripEol(byte[] line) {
        int n = line.length;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            n--;
        }
        return Arrays.copyOf(line, n);
    }
}
