package dev.issosynth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.issosynth.pipeline.EvaluationRun;
import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.pipeline.SteeringReport;
import dev.issosynth.pipeline.StageFigures;
import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.quality.PrivacyReport;

import java.io.UncheckedIOException;

/**
 * The figures as JSON laid out as MOSTLY AI's QA library reports its metrics ({@code accuracy}, {@code similarity},
 * {@code distances} with the library's field names and rounding), so a result compares one to one with the Prize's
 * numbers, and everything else we compute in a block of our own ({@code issosynth}). {@code similarity} is null:
 * we compute no embedding-model similarity. {@code distances} is null without a holdout; its figures are the
 * headline (worst) column group's, the other groups are under {@code issosynth.privacy.groups}.
 */
final class MetricsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    static String evaluation(EvaluationRun.Outcome o) {
        ObjectNode root = qaBlocks(o.synthetic(), o.privacy());
        ObjectNode own = root.putObject("issosynth");
        own.put("train_rows", o.trainRows());
        own.put("synthetic_rows", o.syntheticRows());
        own.put("columns", o.schema().columns());
        ArrayNode keys = own.putArray("keys");
        o.keys().forEach(keys::add);
        if (o.holdout() != null) {
            own.put("holdout_rows", o.holdoutRows());
            own.set("holdout_accuracy", accuracy(o.holdout()));
        }
        if (o.privacy() != null) {
            own.set("privacy", privacy(o.privacy()));
        }
        if (o.copying() != null) {
            ObjectNode c = own.putObject("copying");
            round(c, "synthetic_share", o.copying().syntheticShare(), 6);
            round(c, "real_share", o.copying().realShare(), 6);
            c.put("more_than_real", o.copying().moreThanReal());
            c.put("training_rows", o.copying().trainingRows());
            c.put("synthetic_rows", o.copying().syntheticRows());
        }
        ArrayNode cols = own.putArray("univariate");
        for (AccuracyReport.Combination c : o.synthetic().univariates()) {
            ObjectNode n = cols.addObject();
            n.put("column", o.schema().names()[c.columns()[0]]);
            n.put("accuracy", c.accuracy());
            n.put("accuracy_max", c.accuracyMax());
        }
        own.put("trivariates_evaluated", o.synthetic().trivariateCount());
        own.put("trivariates_total", o.synthetic().trivariateTotal());
        return text(root);
    }

    /**
     * A run's or a select's summary: the result's accuracy against the training data (the selection's last stage,
     * as evaluate computes it) and, with a holdout, its distances, in the library's layout; the files, rows, stage
     * figures and the steering's estimate in the {@code issosynth} block.
     */
    static String selection(SelectionRun.Outcome o, java.nio.file.Path pool, boolean toStdout) {
        java.util.List<StageFigures> stages = o.stages();
        AccuracyReport last = stages.isEmpty() ? null : stages.get(stages.size() - 1).accuracy();
        ObjectNode root = qaBlocks(last, o.privacy());
        ObjectNode own = root.putObject("issosynth");
        own.put("output", toStdout ? "-" : o.output().toString());
        if (pool != null) {
            own.put("pool", pool.toString());
        }
        own.put("train_rows", o.trainRows());
        own.put("pool_rows", o.poolRows());
        own.put("result_rows", o.rows());
        ArrayNode st = own.putArray("stages");
        for (StageFigures s : stages) {
            ObjectNode n = st.addObject();
            n.put("stage", s.stage());
            round(n, "seconds", s.seconds(), 3);
            n.put("rows", s.rows());
            round(n, "objective", s.objective(), 9);
            if (s.accuracy() != null) {
                n.set("accuracy", accuracy(s.accuracy()));
            }
        }
        SteeringReport g = o.steering();
        if (g == null) {
            own.putNull("steering");
        } else {
            ObjectNode n = own.putObject("steering");
            round(n, "closer_than_pool", g.headline(), 6);
            n.put("group", g.headlineGroup());
            round(n, "margin", g.margin(), 6);
            n.put("pool_copies", g.poolCopies());
            n.put("copies_excluded", g.copiesExcluded());
            round(n, "copy_share_result", g.copyShareResult(), 6);
            ArrayNode groups = n.putArray("groups");
            for (int i = 0; i < g.groups().size(); i++) {
                ObjectNode x = groups.addObject();
                x.put("name", g.groups().get(i));
                round(x, "closer_than_pool", g.closerThanPool()[i], 6);
                round(x, "training_rows_closer_than_pool", g.realCloserThanPool()[i], 6);
                round(x, "closer_than_real", g.closerThanReal()[i], 6);
            }
            if (g.nearCopies() != null) {
                ObjectNode near = n.putObject("near_copies");
                round(near, "pool_share", g.nearCopies().poolShare(), 6);
                round(near, "real_share", g.nearCopies().realShare(), 6);
                near.put("memorising", g.nearCopies().memorising());
            }
            if (g.overlap() != null) {
                ObjectNode ov = n.putObject("value_overlap");
                round(ov, "result_share", g.overlap().resultShare(), 6);
                round(ov, "pool_share", g.overlap().poolShare(), 6);
                round(ov, "real_share", g.overlap().realShare(), 6);
                ov.put("steered", g.overlap().steered());
            }
            ArrayNode partial = n.putArray("partial_copies");
            for (SteeringReport.PartialCopyFigure f : g.partialCopies()) {
                ObjectNode x = partial.addObject();
                x.put("columns", f.columns());
                round(x, "result_share", f.resultShare(), 6);
                round(x, "real_share", f.realShare(), 6);
            }
        }
        if (o.privacy() != null) {
            own.set("privacy", privacy(o.privacy()));
        }
        own.set("steered", steered(o.steered()));
        return text(root);
    }

    /** What rebalancing, fairness, imputation and rules reached (null without them). */
    private static com.fasterxml.jackson.databind.JsonNode steered(dev.issosynth.pipeline.SteeredFigures f) {
        if (f == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode n = JSON.createObjectNode();
        ArrayNode rebalanced = n.putArray("rebalanced");
        for (dev.issosynth.pipeline.SteeredFigures.Achieved a : f.rebalanced()) {
            ObjectNode x = rebalanced.addObject();
            x.put("column", a.column());
            x.put("value", a.value());
            round(x, "asked", a.asked(), 6);
            round(x, "training", a.training(), 6);
            round(x, "result", a.result(), 6);
            round(x, "accuracy_within", a.accuracyWithin(), 6);
        }
        if (f.fairTarget() != null) {
            ObjectNode x = n.putObject("fairness");
            x.put("target", f.fairTarget());
            round(x, "parity_difference_training", f.parityTraining(), 6);
            round(x, "parity_difference_result", f.parityResult(), 6);
        }
        ObjectNode missing = n.putObject("imputed_missing_cells");
        f.missingLeft().forEach(missing::put);
        ObjectNode rules = n.putObject("rules");
        rules.put("count", f.rules());
        rules.put("pool_rows_breaking", f.poolBreaks());
        rules.put("result_rows_breaking", f.resultBreaks());
        return n;
    }

    /** The library's three blocks; a missing figure is null (similarity always: no embedding model here). */
    private static ObjectNode qaBlocks(AccuracyReport accuracy, PrivacyReport privacy) {
        ObjectNode root = JSON.createObjectNode();
        if (accuracy == null) {
            root.putNull("accuracy");
        } else {
            root.set("accuracy", accuracy(accuracy));
        }
        root.putNull("similarity");
        if (privacy == null) {
            root.putNull("distances");
        } else {
            root.set("distances", distances(privacy));
        }
        return root;
    }

    /** The library's Accuracy: seven decimals; coherence (sequential data only) null. */
    static ObjectNode accuracy(AccuracyReport a) {
        ObjectNode n = JSON.createObjectNode();
        round(n, "overall", a.overall(), 7);
        round(n, "univariate", a.univariate(), 7);
        round(n, "bivariate", a.bivariate(), 7);
        round(n, "trivariate", a.trivariate(), 7);
        n.putNull("coherence");
        round(n, "overall_max", a.overallMax(), 7);
        round(n, "univariate_max", a.univariateMax(), 7);
        round(n, "bivariate_max", a.bivariateMax(), 7);
        round(n, "trivariate_max", a.trivariateMax(), 7);
        n.putNull("coherence_max");
        return n;
    }

    /** The library's Distances, of the headline group: three decimals, the NNDRs twelve. */
    static ObjectNode distances(PrivacyReport p) {
        ObjectNode n = JSON.createObjectNode();
        round(n, "ims_training", p.identicalMatchShare(), 3);
        round(n, "ims_holdout", p.identicalHoldoutShare(), 3);
        round(n, "ims_trn_hol", p.identicalHoldoutTraining(), 3);
        round(n, "dcr_training", p.dcrSyntheticTraining().mean(), 3);
        round(n, "dcr_holdout", p.dcrSyntheticHoldout().mean(), 3);
        round(n, "dcr_trn_hol", p.dcrHoldoutTraining().mean(), 3);
        round(n, "dcr_share", p.dcrShare(), 3);
        round(n, "nndr_training", p.nndrTraining(), 12);
        round(n, "nndr_holdout", p.nndrHoldout(), 12);
        round(n, "nndr_trn_hol", p.nndrHoldoutTraining(), 12);
        return n;
    }

    /** Our privacy figures, unrounded where rounding would hide something, with every column group. */
    static ObjectNode privacy(PrivacyReport p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("training_sample", p.trainingSample());
        n.put("holdout_sample", p.holdoutSample());
        n.put("synthetic_sample", p.syntheticSample());
        n.put("encoding_dims", p.dim());
        n.set("dcr_synthetic_training", summary(p.dcrSyntheticTraining()));
        n.set("dcr_synthetic_holdout", summary(p.dcrSyntheticHoldout()));
        n.set("dcr_holdout_training", summary(p.dcrHoldoutTraining()));
        round(n, "dcr_share", p.dcrShare(), 6);
        // unrounded: a copy makes an NNDR of about 1e-8 / d2, which six decimals would turn into 0
        n.put("nndr_training", p.nndrTraining());
        n.put("nndr_holdout", p.nndrHoldout());
        n.put("nndr_ratio", p.nndrRatio());
        round(n, "identical_match_share", p.identicalMatchShare(), 6);
        round(n, "identical_holdout_share", p.identicalHoldoutShare(), 6);
        n.put("dcr_share_limit", PrivacyReport.MAX_DCR_SHARE);
        n.put("nndr_ratio_limit", PrivacyReport.MIN_NNDR_RATIO);
        n.put("pass", !p.fails());
        n.put("group", p.worstGroup().name());
        ArrayNode groups = n.putArray("groups");
        for (PrivacyReport.Group g : p.groups()) {
            ObjectNode x = groups.addObject();
            x.put("name", g.name());
            x.put("dims", g.dims().size());
            round(x, "dcr_share", g.dcrShare(), 6);
            x.put("nndr_training", g.nndrTraining());
            x.put("nndr_holdout", g.nndrHoldout());
            x.put("nndr_ratio", g.nndrRatio());
            round(x, "identical_match_share", g.identicalMatchShare(), 6);
            round(x, "identical_holdout_share", g.identicalHoldoutShare(), 6);
            x.put("pass", !g.fails());
            ArrayNode cols = x.putArray("columns");
            g.columns().forEach(cols::add);
            ArrayNode dims = x.putArray("dim_names");
            g.dims().forEach(dims::add);
        }
        return n;
    }

    private static ObjectNode summary(PrivacyReport.Summary s) {
        ObjectNode n = JSON.createObjectNode();
        round(n, "mean", s.mean(), 6);
        round(n, "median", s.median(), 6);
        round(n, "p5", s.p5(), 6);
        return n;
    }

    /** Rounded to {@code decimals} as Python's round does (the exact binary value, ties to even); NaN as null. */
    private static void round(ObjectNode n, String key, double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue());
        }
    }

    static String text(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
