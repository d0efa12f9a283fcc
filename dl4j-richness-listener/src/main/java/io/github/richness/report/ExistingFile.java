package io.github.richness.report;

/**
 * What a records file reporter ({@link JsonLinesReporter}, {@link CsvReporter}) does with a file that already
 * holds records, as DL4J's {@code CheckpointListener} has a stated policy for a checkpoint folder that is not
 * empty. The reporter checks the file when it is created (so that the listener's {@code build()} fails at once,
 * naming the argument) and applies the policy at its first record: a listener that never measures leaves the
 * file as it was.
 *
 * <p>The default is {@link #APPEND}, unlike {@code CheckpointListener}'s refusal: records are not mixed when
 * appended, because each carries its run's id ({@code Provenance.runId()}) and the readers (the HTML report,
 * the {@code richness-report} command, the training UI) draw each run as its own series; appending loses
 * nothing, and a program that is simply started again keeps working. A CSV file with another header (written
 * by another version of this library) is never appended to: its columns would not line up.
 */
public enum ExistingFile {

    /**
     * Keep the earlier records and append this run's after them (the default). A line cut short at the end
     * of the file (a run killed mid-write) is closed with a line break first, so that this run's first record
     * starts a line of its own.
     */
    APPEND,

    /** Delete the earlier records at the first record: the file then holds this run only. */
    REPLACE,

    /** Refuse a file that already holds anything: the reporter's constructor throws. */
    REFUSE
}
