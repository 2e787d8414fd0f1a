package cn.hongqiao.samecity.defaults.security;

import java.lang.reflect.Method;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks an endpoint's {@code @PreAuthorize} before Spring MVC reads and validates the request
 * body, so a caller without the role learns nothing from validation errors: a citizen posting to
 * an officer's endpoint gets 403, not 400 listing the fields (found by the role-matrix test).
 * Expressions here are evaluated without the method's arguments (the platform's only check
 * roles); the method-level check still runs as usual afterwards.
 */
class AuthorizeBeforeBinding implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod handlerMethod) {
            Method method = handlerMethod.getMethod();
            if (AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class)
                    || AnnotatedElementUtils.hasAnnotation(handlerMethod.getBeanType(), PreAuthorize.class)) {
                SimpleMethodInvocation invocation = new SimpleMethodInvocation(handlerMethod.getBean(), method,
                        new Object[method.getParameterCount()]);
                AuthorizationResult result = manager.authorize(
                        () -> SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication(), invocation);
                if (result != null && !result.isGranted()) {
                    throw new AccessDeniedException("Access Denied");
                }
            }
        }
        return true;
    }
}
