package org.albs.application.fakes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.albs.application.port.out.PackageKnowledge;
import org.albs.domain.release.KnownPackage;

/** A package knowledge base in memory: the multilib packages of a source RPM, per distribution name. */
public final class InMemoryPackageKnowledge implements PackageKnowledge {
    private final Map<String, Map<String, String>> multilib = new HashMap<>();
    private final Map<String, List<KnownPackage>> known = new HashMap<>();
    private boolean enabled = true;
    private int calls;

    /** Knows the multilib packages of this source RPM (and is enabled from now on). */
    public void multilib(String srpm, Map<String, String> packages) {
        enabled = true;
        multilib.put(srpm, Map.copyOf(packages));
    }

    /** Knows these packages of the distribution (and is enabled from now on). */
    public void knows(String distribution, List<KnownPackage> packages) {
        enabled = true;
        known.computeIfAbsent(distribution, d -> new java.util.ArrayList<>()).addAll(packages);
    }

    public void disable() {
        enabled = false;
    }

    public int calls() {
        return calls;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Map<String, String> multilibPackages(List<Distribution> distributions, String srpmFileName) {
        calls++;
        return multilib.getOrDefault(srpmFileName, Map.of());
    }

    @Override
    public List<KnownPackage> projectPackages(Distribution distribution, List<String> srpmFileNames) {
        calls++;
        return enabled ? List.copyOf(known.getOrDefault(distribution.name(), List.of())) : List.of();
    }
}
