package io.github.richness.report.figure;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure: one or more XChart panels of the same size side by side, drawn once as a PNG (bitmap, at
 * {@link #PNG_SCALE} times the panel size, for print) or as an SVG (vector). Both come from the same
 * {@code paint} calls, so they show the same thing.
 */
public final class Figure {

    /** Pixels per figure unit in the PNG: 2 gives 300 dpi at 3.2 inches per 480-unit panel. */
    public static final int PNG_SCALE = 2;

    private final String name;
    private final List<? extends Chart<?, ?>> panels;
    private final int panelWidth;
    private final int panelHeight;

    /**
     * @param name the file name without extension, e.g. {@code spectra}
     * @param panels the panels, left to right, all {@code panelWidth × panelHeight}
     */
    Figure(String name, List<? extends Chart<?, ?>> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
        this.name = name;
        this.panels = List.copyOf(panels);
        this.panelWidth = panels.get(0).getWidth();
        this.panelHeight = panels.get(0).getHeight();
    }

    /** @return the file name without extension */
    public String name() {
        return name;
    }

    /** @return the names of the lines drawn (what the legends say), panel by panel, each name once */
    public List<String> seriesNames() {
        return panels.stream().flatMap(panel -> panel.getSeriesMap().keySet().stream()).map(String::valueOf).distinct()
                .toList();
    }

    /** @return the width in figure units (SVG pixels); the PNG is {@link #PNG_SCALE} times wider */
    public int width() {
        return panelWidth * panels.size();
    }

    /** @return the height in figure units (SVG pixels) */
    public int height() {
        return panelHeight;
    }

    /**
     * @param file the PNG file to write
     * @throws IOException if it cannot be written
     */
    public void writePng(Path file) throws IOException {
        BufferedImage image = new BufferedImage(width() * PNG_SCALE, height() * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(PNG_SCALE, PNG_SCALE);
            paint(g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    /**
     * @param file the SVG file to write
     * @throws IOException if it cannot be written
     */
    public void writeSvg(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeSvg(out);
        }
    }

    /** @return the SVG document as text */
    public String svg() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeSvg(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void writeSvg(OutputStream out) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height())).writeTo(out);
    }

    private void paint(Graphics2D g) {
        AffineTransform origin = g.getTransform();
        for (int i = 0; i < panels.size(); i++) {
            g.setTransform(origin);
            g.translate(i * panelWidth, 0);
            panels.get(i).paint(g, panelWidth, panelHeight);
        }
        g.setTransform(origin);
    }
}
