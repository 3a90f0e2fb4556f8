package dev.issosynth.io;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Parquet file's footer and pages, read with parquet's format and column libraries alone: parquet-hadoop's
 * file reader loads Hadoop classes (about 20 MB this tool does not ship) just to be opened. The footer is decoded
 * by parquet-format, the pages by parquet-column (encodings, dictionaries, definition levels, record assembly);
 * this class only finds the bytes: the footer at the end of the file, and each column chunk's pages one header
 * after another, decompressed by {@link ParquetCodecs}. One row group is held in memory at a time.
 */
final class ParquetPages implements AutoCloseable {
    private static final int MAX_FOOTER = 1 << 28;

    private final Path path;
    private final FileChannel channel;
    private final ParquetMetadata meta;
    private final CompressionCodecFactory codecs = new ParquetCodecs();

    private ParquetPages(Path path, FileChannel channel, ParquetMetadata meta) {
        this.path = path;
        this.channel = channel;
        this.meta = meta;
    }

    static ParquetPages open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 12) {
                throw new InputException(path + ": too short to be a Parquet file");
            }
            ByteBuffer tail = read(ch, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
            int footerLength = tail.getInt();
            byte[] magic = new byte[4];
            tail.get(magic);
            if (!Arrays.equals(magic, new byte[] {'P', 'A', 'R', '1'})) {
                throw new InputException(path + ": not a complete Parquet file (no footer; cut short?)");
            }
            if (footerLength <= 0 || footerLength > MAX_FOOTER || footerLength > size - 12) {
                throw new InputException(path + ": corrupt Parquet footer (length " + footerLength + ")");
            }
            ByteBuffer footer = read(ch, size - 8 - footerLength, footerLength);
            ParquetMetadata meta = new ParquetMetadataConverter().fromParquetMetadata(Util.readFileMetaData(
                    new ByteArrayInputStream(footer.array(), 0, footerLength)));
            return new ParquetPages(path, ch, meta);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    MessageType schema() {
        return meta.getFileMetaData().getSchema();
    }

    /** The writer's name and version, which the decoders use to work around known writer bugs. */
    String createdBy() {
        return meta.getFileMetaData().getCreatedBy();
    }

    long rowCount() {
        long n = 0;
        for (BlockMetaData b : meta.getBlocks()) {
            n += b.getRowCount();
        }
        return n;
    }

    int rowGroups() {
        return meta.getBlocks().size();
    }

    /** The pages of row group {@code g}, every column chunk read and split into its pages. */
    PageReadStore rowGroup(int g) throws IOException {
        BlockMetaData block = meta.getBlocks().get(g);
        Map<List<String>, PageReader> readers = new HashMap<>();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            readers.put(List.of(chunk.getPath().toArray()), pages(chunk));
        }
        long rows = block.getRowCount();
        return new PageReadStore() {
            @Override
            public PageReader getPageReader(ColumnDescriptor column) {
                PageReader r = readers.get(List.of(column.getPath()));
                if (r == null) {
                    throw new InputException(path + ": row group " + g + " has no pages for column "
                            + String.join(".", column.getPath()));
                }
                return r;
            }

            @Override
            public long getRowCount() {
                return rows;
            }
        };
    }

    private PageReader pages(ColumnChunkMetaData chunk) throws IOException {
        long total = chunk.getTotalSize();
        if (total <= 0 || total > Integer.MAX_VALUE) {
            throw new InputException(path + ": column chunk of " + chunk.getPath() + " has size " + total);
        }
        ByteBuffer bytes = read(channel, chunk.getStartingPos(), (int) total);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes.array(), 0, (int) total);
        CompressionCodecFactory.BytesInputDecompressor codec = codecs.getDecompressor(chunk.getCodec());
        DictionaryPage dictionary = null;
        Deque<DataPage> data = new ArrayDeque<>();
        long values = 0;
        Statistics<?> noStatistics = Statistics.getBuilderForReading(chunk.getPrimitiveType()).build();
        while (values < chunk.getValueCount() && in.available() > 0) {
            PageHeader h = Util.readPageHeader(in);
            byte[] body = in.readNBytes(h.getCompressed_page_size());
            if (body.length < h.getCompressed_page_size()) {
                throw new InputException(path + ": column chunk of " + chunk.getPath() + " ends inside a page");
            }
            switch (h.getType()) {
                case DICTIONARY_PAGE -> {
                    DictionaryPageHeader d = h.getDictionary_page_header();
                    dictionary = new DictionaryPage(codec.decompress(BytesInput.from(body),
                            h.getUncompressed_page_size()), d.getNum_values(), encoding(d.getEncoding()));
                }
                case DATA_PAGE -> {
                    DataPageHeader d = h.getData_page_header();
                    data.add(new DataPageV1(codec.decompress(BytesInput.from(body), h.getUncompressed_page_size()),
                            d.getNum_values(), h.getUncompressed_page_size(), noStatistics,
                            encoding(d.getRepetition_level_encoding()), encoding(d.getDefinition_level_encoding()),
                            encoding(d.getEncoding())));
                    values += d.getNum_values();
                }
                case DATA_PAGE_V2 -> {
                    DataPageHeaderV2 d = h.getData_page_header_v2();
                    int rl = d.getRepetition_levels_byte_length();
                    int dl = d.getDefinition_levels_byte_length();
                    byte[] payload = Arrays.copyOfRange(body, rl + dl, body.length);
                    boolean compressed = !d.isSetIs_compressed() || d.isIs_compressed();
                    BytesInput values2 = compressed ? codec.decompress(BytesInput.from(payload),
                            h.getUncompressed_page_size() - rl - dl) : BytesInput.from(payload);
                    data.add(DataPageV2.uncompressed(d.getNum_rows(), d.getNum_nulls(), d.getNum_values(),
                            BytesInput.from(Arrays.copyOfRange(body, 0, rl)),
                            BytesInput.from(Arrays.copyOfRange(body, rl, rl + dl)), encoding(d.getEncoding()),
                            values2, noStatistics));
                    values += d.getNum_values();
                }
                default -> {
                    // index pages and the like: nothing to decode
                }
            }
        }
        if (values < chunk.getValueCount()) {
            throw new InputException(path + ": column " + chunk.getPath() + " holds " + values + " of its "
                    + chunk.getValueCount() + " values");
        }
        DictionaryPage dict = dictionary;
        long count = values;
        return new PageReader() {
            @Override
            public DictionaryPage readDictionaryPage() {
                return dict;
            }

            @Override
            public long getTotalValueCount() {
                return count;
            }

            @Override
            public DataPage readPage() {
                return data.poll();
            }
        };
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding e) {
        return Encoding.valueOf(e.name());
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new java.io.EOFException("end of file at " + (at + buf.position()));
            }
        }
        buf.flip();
        return buf;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
