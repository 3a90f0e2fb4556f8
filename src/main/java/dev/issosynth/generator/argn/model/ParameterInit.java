package dev.issosynth.generator.argn.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Starting values of the parameters, as MOSTLY AI's engine (on PyTorch) starts them: embeddings N(0, 1), Linear
 * layers U(±1/√fan_in) for weight and bias, predictor weights Xavier-uniform, predictor biases the log of the code
 * frequencies (uniform until {@link #predictorBias} is called). Draws in parameter-block order from one stream, so a
 * seed gives the same model.
 */
final class ParameterInit {
    private ParameterInit() {
    }

    static void initialise(ModelShape shape, ParameterLayout at, float[] params, SplittableRandom rng) {
        for (int s = 0; s < shape.nSub; s++) {
            for (int i = 0; i < shape.card[s] * shape.embDim[s]; i++) {
                params[at.embOff[s] + i] = (float) gaussian(rng);
            }
        }
        for (int c = 0; c < shape.nCol; c++) {
            if (shape.compressed[c]) {
                int in = shape.concatWidth(c);
                uniform(params, rng, at.compWOff[c], in * shape.colW[c], 1.0 / Math.sqrt(in));
                uniform(params, rng, at.compBOff[c], shape.colW[c], 1.0 / Math.sqrt(in));
            }
        }
        for (int s = 0; s < shape.nSub; s++) {
            int[] hidden = shape.hidden[s];
            int card = shape.card[s];
            int in = shape.dIn;
            for (int l = 0; l < hidden.length; l++) {
                uniform(params, rng, at.layerWOff[s][l], in * hidden[l], 1.0 / Math.sqrt(in));
                uniform(params, rng, at.layerBOff[s][l], hidden[l], 1.0 / Math.sqrt(in));
                in = hidden[l];
            }
            uniform(params, rng, at.predWOff[s], in * card, Math.sqrt(6.0 / (in + card)));
            Arrays.fill(params, at.predBOff[s], at.predBOff[s] + card, (float) -Math.log(card));
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u1;
        do {
            u1 = rng.nextDouble();
        } while (u1 <= 0);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static void uniform(float[] params, SplittableRandom rng, int off, int len, double bound) {
        for (int i = 0; i < len; i++) {
            params[off + i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
    }

    /** See {@link FlatModel#initPredictorBias}. */
    static void predictorBias(ModelShape shape, ParameterLayout at, float[] params, int sub, int[] codes) {
        int c = shape.card[sub];
        long[] counts = new long[c];
        long n = 0;
        for (int code : codes) {
            if (code >= 0 && code < c) {
                counts[code]++;
                n++;
            }
        }
        for (int k = 0; k < c; k++) {
            params[at.predBOff[sub] + k] = (float) Math.log((counts[k] + 1.0) / (n + c));
        }
    }

    /** See {@link FlatModel#initOrdinalEmbedding}. */
    static void ordinalEmbedding(ModelShape shape, ParameterLayout at, float[] params, int sub, int from) {
        int c = shape.card[sub];
        if (from < 0 || c - from < 3) {
            return;
        }
        double half = Math.sqrt(3);
        int d = shape.embDim[sub];
        for (int k = from; k < c; k++) {
            params[at.embOff[sub] + k * d] = (float) (half * (2.0 * (k - from) / (c - 1 - from) - 1));
        }
    }
}
