package cn.hongqiao.samecity.enterprise.registry;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface EnterpriseRepository extends MongoRepository<Enterprise, String>, EnterpriseSearch {

    boolean existsByCreditCode(String creditCode);
}
