package dev.issosynth.generator.argn.model;

/**
 * Per-worker scratch: the compact input of a head, its activations, gradients and gathered weights. One per
 * thread; heads run one at a time on a workspace. Generation workspaces have no gradient buffers.
 */
final class HeadWorkspace {
    final float[] xin;
    final float[][] act;
    final float[] dA;
    final float[] dB;
    final float[] dwc;
    final float[] tmp;

    HeadWorkspace(ModelShape shape, int rows, boolean training) {
        xin = new float[rows * shape.dIn];
        act = new float[shape.maxLayers][];
        int w = shape.maxCard;
        for (int l = 0; l < shape.maxLayers; l++) {
            act[l] = new float[rows * shape.maxHidden[l]];
            w = Math.max(w, shape.maxHidden[l]);
        }
        dA = training ? new float[rows * w] : null;
        dB = training ? new float[rows * w] : null;
        dwc = training ? new float[shape.dIn * shape.maxHidden[0]] : null;
        tmp = training ? new float[BackwardPass.GRAD_ROW_BLOCK * shape.dIn] : null;
    }
}
