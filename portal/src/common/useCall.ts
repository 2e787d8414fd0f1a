import { ref, type Ref } from "vue";
import { troubleOf, type Trouble } from "../api/problems";

/** What a view reads: the last answer, or the trouble of the last call (shown with TroubleNotice). */
export function useCall<T>() {
  const value = ref(null) as Ref<T | null>;
  const trouble = ref<Trouble | null>(null);
  async function run(request: () => Promise<T>): Promise<void> {
    try {
      value.value = await request();
      trouble.value = null;
    } catch (e) {
      trouble.value = troubleOf(e);
    }
  }
  return { value, trouble, run };
}
