package io.github.richness.report;

import java.text.Normalizer;
import java.util.Map;

/**
 * Plain-ASCII spellings of the symbols this library's texts use (Σ, Π̂, ρ, ‖θ‖², ≤, …), for logs whose character
 * set cannot show them: under {@code LANG=C} a JVM writes {@code Q̂} and {@code Σ} as {@code ?}. Combining marks
 * become their ASCII look-alike ({@code Q̂} → {@code Q^}); a character with no spelling here becomes {@code ?}.
 */
public final class AsciiText {

    private static final Map<Character, String> SPELLINGS = Map.ofEntries(
            Map.entry('Σ', "Sigma"), Map.entry('Π', "Pi"), Map.entry('ρ', "rho"), Map.entry('θ', "theta"),
            Map.entry('φ', "phi"), Map.entry('Φ', "Phi"), Map.entry('ε', "eps"), Map.entry('λ', "lambda"),
            Map.entry('μ', "mu"), Map.entry('σ', "sigma"), Map.entry('α', "alpha"), Map.entry('δ', "delta"),
            Map.entry('‖', "||"), Map.entry('≤', "<="), Map.entry('≥', ">="), Map.entry('≈', "~"),
            Map.entry('≠', "!="), Map.entry('×', "x"), Map.entry('−', "-"), Map.entry('—', "-"), Map.entry('–', "-"),
            Map.entry('±', "+/-"), Map.entry('→', "->"), Map.entry('…', "..."), Map.entry('⁺', "^+"),
            Map.entry('⁻', "^-"), Map.entry('¹', "^1"), Map.entry('²', "^2"), Map.entry('³', "^3"), Map.entry('⁴', "^4"),
            Map.entry('₀', "0"), Map.entry('₁', "1"), Map.entry('₂', "2"), Map.entry('ᵀ', "^T"), Map.entry('√', "sqrt"),
            Map.entry('“', "\""), Map.entry('”', "\""), Map.entry('‘', "'"), Map.entry('’', "'"),
            Map.entry('\u0302', "^"), Map.entry('\u0303', "~"), Map.entry('\u0304', "_bar"));

    private AsciiText() {
    }

    /**
     * @param text any text
     * @return the text in ASCII: symbols spelled out, accented letters without their accents
     */
    public static String of(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder ascii = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 128) {
                ascii.append(c);
            } else if (SPELLINGS.containsKey(c)) {
                ascii.append(SPELLINGS.get(c));
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                ascii.append('?');
            }
        }
        return ascii.toString();
    }
}
