package cn.hongqiao.samecity.enterprise;

import cn.hongqiao.samecity.testsupport.ApiDocumentIsCheckedIn;

/** The checked-in docs/openapi document matches the API this service serves. */
class ApiDocumentTest extends ApiDocumentIsCheckedIn {
}
