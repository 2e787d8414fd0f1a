package cn.hongqiao.samecity.projects;

import cn.hongqiao.samecity.testsupport.ProblemCatalogueIsCheckedIn;

/** This service's problems are worded in both languages and catalogued in docs/problems/. */
class ProblemCatalogueTest extends ProblemCatalogueIsCheckedIn {
}
