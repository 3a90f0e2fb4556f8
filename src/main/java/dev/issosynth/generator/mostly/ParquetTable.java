package dev.issosynth.generator.mostly;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.DateFormat;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.schema.Numbers;
import dev.issosynth.schema.TypeInference;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes the training table as a Parquet file with typed columns, because the platform decides each column's
 * encoding from the Parquet type: a numeric column sent as text would be modelled as categories. Integers become
 * INT64, other numbers DOUBLE, True/False BOOLEAN, ISO dates DATE, date-times TIMESTAMP (micros, local), the rest
 * UTF-8 strings; missing cells (each column's own tokens too) are nulls. A datetime column with a declared date
 * format is parsed in it and sent as DATE (a pattern without a time of day) or TIMESTAMP, so the platform models it as
 * a datetime; {@code ExternalPool} writes the generated dates back in the format.
 */
final class ParquetTable {
    /** The Parquet type chosen for one column. */
    enum Kind { INT64, DOUBLE, BOOLEAN, DATE, TIMESTAMP, STRING }

    private ParquetTable() {
    }

    /** Writes {@code table} to {@code file} (replacing it). Uncompressed: the codecs need Hadoop classes. */
    static void write(TrainingTable training, Path file) {
        RawTable table = training.raw();
        int cols = table.columnCount();
        Kind[] kinds = new Kind[cols];
        MissingValues[] na = new MissingValues[cols];
        DateFormat[] formats = new DateFormat[cols];
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (int c = 0; c < cols; c++) {
            na[c] = training.na(c);
            formats[c] = training.dateFormat(c);
            kinds[c] = kindOf(table.column(c), training.columnType(c), na[c], formats[c]);
            addField(schema, kinds[c], table.name(c));
        }
        MessageType type = schema.named("data");
        SimpleGroupFactory rows = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(type)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .build()) {
            for (int r = 0; r < table.rowCount(); r++) {
                Group g = rows.newGroup();
                for (int c = 0; c < cols; c++) {
                    String cell = table.cell(c, r);
                    if (!na[c].isMissing(cell)) {
                        add(g, c, kinds[c], formats[c], cell);
                    }
                }
                w.write(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Parquet upload " + file + ": " + e.getMessage(), e);
        }
    }

    /** The narrowest type that holds every non-missing cell; STRING when the column has no other reading. */
    static Kind kindOf(String[] cells, MissingValues na) {
        return kindOf(cells, TypeInference.infer(cells, na), na);
    }

    /** As {@link #kindOf(String[], MissingValues)} for a column of a known (declared or inferred) type. */
    static Kind kindOf(String[] cells, ColumnType type, MissingValues na) {
        return kindOf(cells, type, na, DateFormat.ISO);
    }

    /** As {@link #kindOf(String[], ColumnType, MissingValues)}; a DATETIME column's cells in {@code format}. */
    static Kind kindOf(String[] cells, ColumnType type, MissingValues na, DateFormat format) {
        if (type == ColumnType.CATEGORICAL) {
            return Kind.STRING;
        }
        if (type == ColumnType.DATETIME && !format.isIso()) {
            return format.hasTime() ? Kind.TIMESTAMP : Kind.DATE;
        }
        boolean integral = true;
        boolean boolOnly = true;
        boolean dateOnly = true;
        for (String cell : cells) {
            if (na.isMissing(cell)) {
                continue;
            }
            if (type == ColumnType.DATETIME) {
                dateOnly &= cell.strip().length() == 10;
                continue;
            }
            double v = Numbers.parse(cell);
            boolOnly &= Double.isNaN(v);
            integral &= !Double.isNaN(v) && v == Math.rint(v) && Math.abs(v) < 0x1p53;
        }
        if (type == ColumnType.DATETIME) {
            return dateOnly ? Kind.DATE : Kind.TIMESTAMP;
        }
        return boolOnly ? Kind.BOOLEAN : integral ? Kind.INT64 : Kind.DOUBLE;
    }

    private static void addField(Types.MessageTypeBuilder schema, Kind kind, String name) {
        switch (kind) {
            case INT64 -> schema.optional(PrimitiveTypeName.INT64).named(name);
            case DOUBLE -> schema.optional(PrimitiveTypeName.DOUBLE).named(name);
            case BOOLEAN -> schema.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case DATE -> schema.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
            case TIMESTAMP -> schema.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
            case STRING -> schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        }
    }

    private static void add(Group g, int c, Kind kind, DateFormat format, String cell) {
        switch (kind) {
            case INT64 -> g.add(c, (long) Numbers.parse(cell));
            case DOUBLE -> g.add(c, Numbers.parse(cell));
            case BOOLEAN -> g.add(c, Numbers.parseBoolean(cell) == 1);
            case DATE -> g.add(c, (int) Math.floorDiv((long) format.parseEpochSeconds(cell), 86_400L));
            case TIMESTAMP -> g.add(c, Math.round(format.parseEpochSeconds(cell) * 1e6));
            case STRING -> g.add(c, cell); // as written: categories must come back exactly
        }
    }
}
