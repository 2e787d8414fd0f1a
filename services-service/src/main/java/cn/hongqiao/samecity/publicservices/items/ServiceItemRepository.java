package cn.hongqiao.samecity.publicservices.items;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ServiceItemRepository extends MongoRepository<ServiceItem, String>, ServiceItemSearch {

    /** By its catalogue code (unique), as partner regions name items. */
    java.util.Optional<ServiceItem> findByCode(String code);

    boolean existsByCode(String code);
}
