// Loaded before decap-cms.js. Decap starts as soon as its script runs unless this flag is
// set; editor.js registers the site's formats, the slug widget and the preview first, then
// starts it (CMS.init()), so no article is ever read or written with Decap's own YAML.
window.CMS_MANUAL_INIT = true;
