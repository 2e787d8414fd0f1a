package cn.hongqiao.samecity.defaults.security;

import java.lang.reflect.Method;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks an endpoint's {@code @PreAuthorize} before Spring MVC reads and validates the request
 * body, so a caller without the role learns nothing from validation errors: a citizen posting to
 * an officer's endpoint gets 403, not 400 listing the fields (found by the role-matrix test).
 * Rules see the method's path variables ({@code #id}); other arguments are not known yet and are
 * null here. The method-level check still runs as usual afterwards.
 */
class AuthorizeBeforeBinding implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod handlerMethod) {
            Method method = handlerMethod.getMethod();
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(), PreAuthorize.class);
            }
            if (rule != null) {
                SimpleMethodInvocation invocation = new SimpleMethodInvocation(handlerMethod.getBean(), method,
                        pathArguments(handlerMethod, request));
                AuthorizationResult result = manager.authorize(
                        () -> SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication(), invocation);
                if (result != null && !result.isGranted()) {
                    throw new AccessDeniedException("Access Denied");
                }
            }
        }
        return true;
    }

    /**
     * The method's arguments as far as they are known before binding: its path variables (for rules
     * such as {@code #id == ...}).
     */
    @SuppressWarnings("unchecked")
    private static Object[] pathArguments(HandlerMethod handlerMethod, HttpServletRequest request) {
        Object[] args = new Object[handlerMethod.getMethod().getParameterCount()];
        Object attribute = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (attribute instanceof Map<?, ?> variables) {
            for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
                PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
                if (path != null && parameter.getParameterType() == String.class) {
                    parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                    String name = !path.value().isEmpty() ? path.value() : !path.name().isEmpty() ? path.name() : parameter.getParameterName();
                    args[parameter.getParameterIndex()] = ((Map<String, String>) variables).get(name);
                }
            }
        }
        return args;
    }
}
