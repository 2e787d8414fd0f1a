package cn.hongqiao.samecity.publicservices.items;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ServiceItemRepository extends MongoRepository<ServiceItem, String>, ServiceItemSearch {

    boolean existsByCode(String code);
}
