package dev.issosynth.io;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Parquet's page codecs without Hadoop: parquet-hadoop's own factory builds its codecs on Hadoop's codec classes,
 * which this tool does not ship. Snappy (snappy-java), ZSTD (zstd-jni) and GZIP (the JDK) cover what pandas,
 * pyarrow, Spark and DuckDB write by default; another codec is a one-line error naming it.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] in = bytes.toByteArray();
                return BytesInput.from(switch (codec) {
                    case UNCOMPRESSED -> in;
                    case SNAPPY -> org.xerial.snappy.Snappy.compress(in);
                    case ZSTD -> com.github.luben.zstd.Zstd.compress(in, 3);
                    case GZIP -> gzip(in);
                    default -> throw unsupported(codec);
                });
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.UNCOMPRESSED && codec != CompressionCodecName.SNAPPY
                && codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.GZIP) {
            throw unsupported(codec);
        }
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return BytesInput.from(inflate(bytes.toByteArray(), uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(inflate(in, uncompressedSize));
            }

            private byte[] inflate(byte[] in, int size) throws IOException {
                return switch (codec) {
                    case UNCOMPRESSED -> in;
                    case SNAPPY -> {
                        byte[] out = new byte[size];
                        org.xerial.snappy.Snappy.uncompress(in, 0, in.length, out, 0);
                        yield out;
                    }
                    case ZSTD -> com.github.luben.zstd.Zstd.decompress(in, size);
                    case GZIP -> {
                        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(in))) {
                            yield z.readNBytes(size);
                        }
                    }
                    default -> throw unsupported(codec);
                };
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }

    private static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 16);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(in);
        }
        return out.toByteArray();
    }

    private static InputException unsupported(CompressionCodecName codec) {
        return new InputException("Parquet compression " + codec + " is not supported (SNAPPY, ZSTD, GZIP and"
                + " uncompressed are); rewrite the file with one of those");
    }
}
