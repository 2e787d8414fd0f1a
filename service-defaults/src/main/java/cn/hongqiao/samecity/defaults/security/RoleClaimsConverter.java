package cn.hongqiao.samecity.defaults.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Reads roles from a token: the top-level {@code roles} claim (local tokens, most providers'
 * mappers) and Keycloak's {@code realm_access.roles}. Only the platform's own roles count.
 */
public final class RoleClaimsConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        addRoles(authorities, jwt.getClaim("roles"));
        Object realmAccess = jwt.getClaim("realm_access");
        if (realmAccess instanceof Map<?, ?> realm) {
            addRoles(authorities, realm.get("roles"));
        }
        return authorities;
    }

    private static void addRoles(Set<GrantedAuthority> authorities, Object claim) {
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                if (value instanceof String role && Roles.ALL.contains(role)) {
                    authorities.add(new SimpleGrantedAuthority(Roles.authority(role)));
                }
            }
        }
    }

    public static JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RoleClaimsConverter());
        return converter;
    }
}
