package cn.hongqiao.samecity.defaults.problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The catalogue of a bundle's problem codes for portal developers ({@code docs/problems/}), made
 * from the bundle itself so that it cannot drift from what the platform answers: per code its
 * status, type, Chinese and English title, meaning and what a portal should do. Also checks that
 * the bundle is complete: every code has all its messages, and both languages have the same keys.
 */
public final class ProblemCatalogue {

    private static final List<String> PER_CODE_ZH = List.of("status", "title", "detail", "meaning", "action");
    private static final List<String> PER_CODE_EN = List.of("title", "detail", "meaning", "action");

    /**
     * A detail with arguments ({0}...) also names the arguments of its documented example, separated
     * by |, so the API document shows a sentence a person would read, not placeholders.
     */
    public static final String EXAMPLE_ARGUMENTS = "example-arguments";
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{\\d");

    private final String bundle;
    private final Properties chinese;
    private final Properties english;

    private ProblemCatalogue(String bundle) {
        this.bundle = bundle;
        this.chinese = load(bundle + ".properties");
        this.english = load(bundle + "_en.properties");
    }

    /** The catalogue of the bundle {@code bundle} ({@code problems} or {@code platform-problems}) on the classpath. */
    public static ProblemCatalogue of(String bundle) {
        return new ProblemCatalogue(bundle);
    }

    /** The codes the bundle defines (those with a Chinese title). */
    public Set<String> codes() {
        return chinese.stringPropertyNames().stream().filter(k -> k.startsWith("problem.") && k.endsWith(".title"))
                .map(k -> k.substring("problem.".length(), k.length() - ".title".length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** What is missing or extra: an empty list when every code has all its messages in both languages. */
    public List<String> gaps() {
        List<String> gaps = new ArrayList<>();
        for (String code : codes()) {
            PER_CODE_ZH.forEach(part -> require(gaps, chinese, "problem." + code + "." + part, bundle + ".properties"));
            PER_CODE_EN.forEach(part -> require(gaps, english, "problem." + code + "." + part, bundle + "_en.properties"));
            if (PLACEHOLDER.matcher(chinese.getProperty("problem." + code + ".detail", "")).find()) {
                require(gaps, chinese, "problem." + code + "." + EXAMPLE_ARGUMENTS, bundle + ".properties");
            }
        }
        Set<String> zh = translated(chinese);
        Set<String> en = translated(english);
        zh.stream().filter(k -> !en.contains(k)).forEach(k -> gaps.add(bundle + "_en.properties lacks " + k));
        en.stream().filter(k -> !zh.contains(k)).forEach(k -> gaps.add(bundle + ".properties lacks " + k));
        return gaps;
    }

    /**
     * What is wrong with the bundle and its checked-in catalogue {@code file}: its {@link #gaps()},
     * and the file when it differs from {@link #markdown(String)}. With {@code -Ddocs.update=true}
     * the file is rewritten first (then commit it). An empty list means all is well.
     */
    public List<String> checkAgainst(Path file, String heading) throws IOException {
        List<String> wrong = new ArrayList<>(gaps());
        String made = markdown(heading);
        if (Boolean.getBoolean("docs.update")) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, made, StandardCharsets.UTF_8);
        }
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(made)) {
            wrong.add(file + " differs from the bundles; after an intended change run ./mvnw verify -Ddocs.update=true and commit it");
        }
        return wrong;
    }

    /** The catalogue as Markdown, under the heading given. */
    public String markdown(String heading) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(heading).append("\n\n")
                .append("Generated from `").append(bundle).append(".properties` and `").append(bundle)
                .append("_en.properties` by the build; do not edit (`./mvnw verify -Ddocs.update=true` rewrites it).\n")
                .append("Every problem carries `type` (").append(Problems.TYPE_BASE)
                .append("*code*) and `code`; branch on `code`. Titles and details follow `Accept-Language` (`zh-CN` by default, `en`).\n");
        for (String code : codes()) {
            md.append("\n## `").append(code).append("`\n\n")
                    .append("| | |\n|---|---|\n")
                    .append("| status | ").append(chinese.getProperty("problem." + code + ".status")).append(" |\n")
                    .append("| type | `").append(Problems.TYPE_BASE).append(code).append("` |\n")
                    .append("| 标题 / title | ").append(cell(chinese, code, "title")).append(" / ").append(cell(english, code, "title")).append(" |\n")
                    .append("| 含义 | ").append(cell(chinese, code, "meaning")).append(" |\n")
                    .append("| meaning | ").append(cell(english, code, "meaning")).append(" |\n")
                    .append("| 门户应当 | ").append(cell(chinese, code, "action")).append(" |\n")
                    .append("| a portal should | ").append(cell(english, code, "action")).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(Properties messages, String code, String part) {
        return messages.getProperty("problem." + code + "." + part, "").replace("|", "\\|").replace("''", "'");
    }

    private static Set<String> translated(Properties messages) {
        return messages.stringPropertyNames().stream().filter(k -> !k.endsWith(".status") && !k.endsWith("." + EXAMPLE_ARGUMENTS))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void require(List<String> gaps, Properties messages, String key, String file) {
        if (messages.getProperty(key, "").isBlank()) {
            gaps.add(file + " lacks " + key);
        }
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = ProblemCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
