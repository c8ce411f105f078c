// Registers <notice-diff>; the one module a host page includes:
//   <script type="module" src="https://…/notice-diff-define.js"></script>
// Importing it twice (even from two URLs) is harmless: the first registration stays.
import { NoticeDiff } from './notice-diff-element.js';

NoticeDiff.define();

export { NoticeDiff };
