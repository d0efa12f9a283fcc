package io.github.richness.examples.cifar;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * How a CIFAR network is trained: SGD with momentum, weight decay, a step learning-rate schedule, the number
 * of epochs, the batch size and the MSE target scale 1/α, as in the paper's appendix H (tables 9 and 10).
 *
 * <p>{@link #paper(Architecture, CifarDataset)} gives the paper's settings: ResNet18 on CIFAR-10 as fig. 2
 * (lr 0.05, momentum 0.9, weight decay 5·10⁻⁵, 200 epochs, lr × 0.2 every 60 epochs, α = 1/3); ResNet18 on
 * CIFAR-100 as fig. 5 (the same with 400 epochs and α = 1/10); VGG16 on CIFAR-100 as fig. 3 (lr 0.01, momentum
 * 0.9, weight decay 10⁻⁵, 400 epochs, constant lr, α = 1/10). VGG16 on CIFAR-10 is not in the paper; it gets
 * fig. 3's optimiser with CIFAR-10's α = 1/3. Batch size 128 throughout.
 *
 * <p>Two differences from the paper's PyTorch code, both forced by DL4J: the momentum is Nesterov's (DL4J's
 * {@link Nesterovs}; it has no heavy-ball momentum updater) — the same effective step {@code lr / (1 − μ)}
 * on a steady gradient, but it looks one step ahead — and the weight decay is an L2 term on the weights
 * (DL4J's {@code l2}, which adds {@code λw} to the gradient before the updater, as PyTorch's SGD does) that
 * spares the biases and batch-norm parameters.
 *
 * @param learningRate the initial learning rate
 * @param momentum the momentum coefficient μ
 * @param weightDecay the L2 coefficient λ
 * @param epochs the number of epochs
 * @param decayFactor the factor the learning rate is multiplied by every {@code decayEvery} epochs
 * @param decayEvery epochs between decays; 0 for a constant learning rate
 * @param targetScale the value of the hot entry of an MSE target, 1/α
 * @param batchSize images per minibatch
 */
public record CifarRecipe(double learningRate, double momentum, double weightDecay, int epochs, double decayFactor,
        int decayEvery, double targetScale, int batchSize) {

    /** The two architectures of the paper's CIFAR experiments. */
    public enum Architecture {
        /** ResNet18, CIFAR variant. */
        RESNET18,
        /** VGG16. */
        VGG16
    }

    private static final double MOMENTUM = 0.9;
    private static final int BATCH = 128;
    private static final double RESNET_LR = 0.05;
    private static final double RESNET_WEIGHT_DECAY = 5e-5;
    private static final double RESNET_DECAY = 0.2;
    private static final int RESNET_DECAY_EVERY = 60;
    private static final double VGG_LR = 0.01;
    private static final double VGG_WEIGHT_DECAY = 1e-5;

    /** Checks the values. */
    public CifarRecipe {
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0) || epochs < 1
                || !(decayFactor > 0) || decayEvery < 0 || !(targetScale > 0) || batchSize < 1) {
            throw new IllegalArgumentException("invalid training recipe: " + "lr " + learningRate + ", momentum "
                    + momentum + ", weight decay " + weightDecay + ", epochs " + epochs + ", decay " + decayFactor
                    + " every " + decayEvery + ", target scale " + targetScale + ", batch " + batchSize);
        }
    }

    /**
     * @param architecture the network
     * @param dataset the dataset
     * @return the paper's settings for them (see the class documentation)
     */
    public static CifarRecipe paper(Architecture architecture, CifarDataset dataset) {
        double targetScale = dataset == CifarDataset.CIFAR_10 ? 3 : 10;
        int epochs = architecture == Architecture.RESNET18 && dataset == CifarDataset.CIFAR_10 ? 200 : 400;
        return architecture == Architecture.RESNET18
                ? new CifarRecipe(RESNET_LR, MOMENTUM, RESNET_WEIGHT_DECAY, epochs, RESNET_DECAY, RESNET_DECAY_EVERY,
                        targetScale, BATCH)
                : new CifarRecipe(VGG_LR, MOMENTUM, VGG_WEIGHT_DECAY, epochs, 1, 0, targetScale, BATCH);
    }

    /** @return the learning rate by epoch: the initial rate times {@code decayFactor^⌊epoch / decayEvery⌋} */
    public ISchedule learningRateSchedule() {
        int step = decayEvery == 0 ? Integer.MAX_VALUE : decayEvery;
        return new StepSchedule(ScheduleType.EPOCH, learningRate, decayFactor, step);
    }

    /** @return SGD with (Nesterov) momentum on {@link #learningRateSchedule()} */
    public IUpdater updater() {
        return new Nesterovs(learningRateSchedule(), momentum);
    }

    /**
     * @param loss the loss trained with
     * @return the target scale for that loss: {@link #targetScale()} for MSE, 1 for cross-entropy
     */
    public double targetScale(CifarLoss loss) {
        return loss == CifarLoss.MSE ? targetScale : 1;
    }
}
