package org.albs.domain.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which platforms (and arches) a pushed tag is built for. Rules are tried in order; the first one whose pattern
 * matches wins. Written as {@code PATTERNS=TARGETS} separated by {@code ;}:
 * <ul>
 *   <li>PATTERNS: comma-separated globs ({@code *}, {@code ?}) on the tag, each optionally restricted to
 *       repositories by {@code repositoryGlob@tagGlob} (the repository's full name, e.g. {@code rpms/*@c8*});</li>
 *   <li>TARGETS: {@code +}-separated platforms, each optionally with its arches, {@code AlmaLinux-8:x86_64|aarch64};
 *       without arches, every buildable arch of the platform.</li>
 * </ul>
 * Example (the default): {@code c8*,a8*=AlmaLinux-8;c9*,a9*=AlmaLinux-9}.
 */
public final class BuildTargetRules {
    public static final String DEFAULT = "c8*,a8*=AlmaLinux-8;c9*,a9*=AlmaLinux-9";

    /** A platform and the arches asked for (empty: all the platform's buildable arches). */
    public record Target(String platform, List<String> arches) {
        public Target {
            arches = List.copyOf(arches);
        }
    }

    private record Matcher(Pattern repository, Pattern tag) {
        boolean matches(String repo, String t) {
            return (repository == null || repository.matcher(repo).matches()) && tag.matcher(t).matches();
        }
    }

    private record Rule(List<Matcher> matchers, List<Target> targets) {
    }

    private final List<Rule> rules;
    private final String spec;

    private BuildTargetRules(List<Rule> rules, String spec) {
        this.rules = List.copyOf(rules);
        this.spec = spec;
    }

    public static BuildTargetRules parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no build target rules given");
        }
        List<Rule> rules = new ArrayList<>();
        for (String raw : spec.split(";")) {
            String rule = raw.trim();
            if (rule.isEmpty()) {
                continue;
            }
            int eq = rule.indexOf('=');
            if (eq <= 0 || eq == rule.length() - 1) {
                throw new IllegalArgumentException("rule '" + rule + "' is not PATTERNS=TARGETS");
            }
            List<Matcher> matchers = new ArrayList<>();
            for (String p : rule.substring(0, eq).split(",", -1)) {
                String pattern = p.trim();
                if (pattern.isEmpty()) {
                    throw new IllegalArgumentException("rule '" + rule + "' has an empty pattern");
                }
                int at = pattern.indexOf('@');
                matchers.add(at < 0 ? new Matcher(null, glob(pattern))
                        : new Matcher(glob(pattern.substring(0, at)), glob(pattern.substring(at + 1))));
            }
            List<Target> targets = new ArrayList<>();
            for (String t : rule.substring(eq + 1).split("\\+", -1)) {
                String target = t.trim();
                int colon = target.indexOf(':');
                String platform = (colon < 0 ? target : target.substring(0, colon)).trim();
                if (platform.isEmpty()) {
                    throw new IllegalArgumentException("rule '" + rule + "' has an empty platform");
                }
                List<String> arches = new ArrayList<>();
                if (colon >= 0) {
                    for (String a : target.substring(colon + 1).split("\\|")) {
                        if (!a.isBlank()) {
                            arches.add(a.trim());
                        }
                    }
                    if (arches.isEmpty()) {
                        throw new IllegalArgumentException("rule '" + rule + "' names no arch after ':'");
                    }
                }
                targets.add(new Target(platform, arches));
            }
            rules.add(new Rule(matchers, targets));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no build target rules given");
        }
        return new BuildTargetRules(rules, spec);
    }

    /** The targets of the first rule that matches the repository (full name) and tag; empty when none does. */
    public Optional<List<Target>> targetsFor(String repository, String tag) {
        for (Rule r : rules) {
            for (Matcher m : r.matchers()) {
                if (m.matches(repository, tag)) {
                    return Optional.of(r.targets());
                }
            }
        }
        return Optional.empty();
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return spec;
    }
}
