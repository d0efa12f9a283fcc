package io.github.richness.examples.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;

class CifarRecipeTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void resNetLearningRateFallsFivefoldEverySixtyEpochs() {
        CifarRecipe recipe = CifarRecipe.paper(CifarRecipe.Architecture.RESNET18, CifarDataset.CIFAR_10);
        ISchedule schedule = recipe.learningRateSchedule();
        for (int epoch : new int[] {0, 59, 60, 119, 120, 199}) {
            double expected = 0.05 * Math.pow(0.2, epoch / 60);
            assertEquals(expected, schedule.valueAt(0, epoch), TOLERANCE, "epoch " + epoch);
        }
        assertEquals(200, recipe.epochs());
        assertEquals(3, recipe.targetScale(CifarLoss.MSE), "alpha = 1/3 for CIFAR-10");
        assertEquals(1, recipe.targetScale(CifarLoss.CROSS_ENTROPY));
        assertEquals(0.9, ((Nesterovs) recipe.updater()).getMomentum());
    }

    @Test
    void vggLearningRateIsConstant() {
        CifarRecipe recipe = CifarRecipe.paper(CifarRecipe.Architecture.VGG16, CifarDataset.CIFAR_100);
        assertEquals(0.01, recipe.learningRateSchedule().valueAt(0, 0), TOLERANCE);
        assertEquals(0.01, recipe.learningRateSchedule().valueAt(10_000, 399), TOLERANCE);
        assertEquals(400, recipe.epochs());
        assertEquals(1e-5, recipe.weightDecay());
        assertEquals(10, recipe.targetScale(CifarLoss.MSE), "alpha = 1/10 for CIFAR-100");
        assertEquals(400, CifarRecipe.paper(CifarRecipe.Architecture.RESNET18, CifarDataset.CIFAR_100).epochs(), "fig. 5");
    }

    @Test
    void rejectsInvalidValuesAndNames() {
        assertThrows(IllegalArgumentException.class, () -> new CifarRecipe(0.1, 1.0, 0, 1, 1, 0, 1, 128));
        assertThrows(IllegalArgumentException.class, () -> new CifarRecipe(-0.1, 0.9, 0, 1, 1, 0, 1, 128));
        assertThrows(IllegalArgumentException.class, () -> CifarLoss.parse("hinge"));
        assertThrows(IllegalArgumentException.class, () -> CifarDataset.parse("svhn"));
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(10, 0, CifarLoss.MSE,
                CifarRecipe.paper(CifarRecipe.Architecture.VGG16, CifarDataset.CIFAR_10), 1));
        assertEquals(CifarLoss.CROSS_ENTROPY, CifarLoss.parse("XENT"));
        assertEquals(CifarDataset.CIFAR_100, CifarDataset.parse("CIFAR-100"));
    }
}
