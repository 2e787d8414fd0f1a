package cn.hongqiao.samecity.defaults.testapp;

import java.util.List;

import cn.hongqiao.samecity.defaults.personal.PersonalData;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** A record holding sensitive personal data: a searchable ID number, and phone numbers nested in a list. */
@Document("residents")
public record Resident(@Id @Nullable String id, String name, @PersonalData(searchable = true) String idNumber, List<Contact> contacts,
        @Version @Nullable Long version) {

    public record Contact(String kind, @PersonalData String phone) {
    }
}
