package org.albs.application.port.in.artifacts;

import java.util.List;

public record StoreJobPage(List<StoreJobView> jobs, long totalJobs, int page) {
}
