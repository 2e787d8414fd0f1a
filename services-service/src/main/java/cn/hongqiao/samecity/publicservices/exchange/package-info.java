/**
 * The exchange with partner regions' systems (跨省通办 hand-offs): the protocol's messages, and the
 * one interface, {@link cn.hongqiao.samecity.publicservices.exchange.PartnerExchange}, behind which
 * each partner's adapter delivers them.
 */
@NullMarked
package cn.hongqiao.samecity.publicservices.exchange;

import org.jspecify.annotations.NullMarked;
