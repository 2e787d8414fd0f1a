package cn.hongqiao.samecity.projects.units;

import java.time.Instant;

/** The enterprise holding a unit (reserved or moved in), and since when. */
public record Holder(String enterpriseId, Instant since) {
}
