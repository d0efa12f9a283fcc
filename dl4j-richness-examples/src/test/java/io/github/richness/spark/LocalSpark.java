package io.github.richness.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One local Spark context for every Spark test of a JVM (Spark allows one at a time): two worker threads and
 * two attempts per task ({@code local[2,2]}), so that a task failing once is retried. Bound to the loopback
 * address, without the web UI. Stopped when the JVM ends.
 */
public final class LocalSpark {

    private static JavaSparkContext context;

    private LocalSpark() {
    }

    /** @return the context, created at the first call */
    public static synchronized JavaSparkContext context() {
        if (context == null) {
            context = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("richness-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1"));
            Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
        }
        return context;
    }
}
