package org.albs.adapter.in.rest.builds;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.application.port.in.builds.CreateBuildCommand;
import org.albs.domain.builds.RefType;

/** Upstream's BuildCreate (the seed's shape is a subset: platforms[].name/arch_list, tasks[].url/git_ref). */
@RegisterForReflection
public record BuildCreateRequest(List<PlatformEntry> platforms, List<TaskEntry> tasks, List<Long> linkedBuilds,
                                 Map<String, Object> mockOptions, List<Long> platformFlavors, Boolean isSecureBoot,
                                 Long productId) {

    @RegisterForReflection
    public record PlatformEntry(String name, List<String> archList, Boolean parallelModeEnabled,
                                Boolean independentTasks) {
    }

    /** A BuildTaskRef, or a BuildTaskModuleRef (recognised by its module fields) which is refused for now. */
    @RegisterForReflection
    public record TaskEntry(String url, String gitRef,
                            @JsonDeserialize(using = RefTypeDeserializer.class) RefType refType, String gitCommitHash,
                            Map<String, Object> mockOptions, Boolean isModule, Boolean enabled,
                            Map<String, Object> testConfiguration, Object refs, String moduleName,
                            String moduleStream, String modulesYaml) {
        boolean isModuleRef() {
            return Boolean.TRUE.equals(isModule) || refs != null || moduleName != null || modulesYaml != null;
        }
    }

    CreateBuildCommand toCommand() {
        return new CreateBuildCommand(
                platforms == null ? null : platforms.stream().map(p -> p == null ? null
                        : new CreateBuildCommand.PlatformEntry(p.name(), p.archList(), p.parallelModeEnabled(),
                        p.independentTasks())).toList(),
                tasks == null ? null : tasks.stream().map(t -> t == null ? null
                        : new CreateBuildCommand.RefEntry(t.url(), t.gitRef(), t.refType(), t.gitCommitHash(),
                        t.mockOptions(), t.testConfiguration(), t.isModuleRef())).toList(),
                linkedBuilds, mockOptions, platformFlavors, isSecureBoot, productId);
    }
}
