package cn.hongqiao.samecity.defaults;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

class PlatformMisconfigurationFailureAnalyzer extends AbstractFailureAnalyzer<PlatformMisconfiguredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PlatformMisconfiguredException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
    }
}
