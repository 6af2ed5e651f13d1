// Loaded first, before decap-cms.js.
//
// Decap starts as soon as its script runs unless this flag is set: editor.js registers the
// site's formats, the slug widget and the preview first, then starts it (CMS.init()), so no
// file is ever read or written with Decap's own YAML.
window.CMS_MANUAL_INIT = true;

// The live preview (`make serve`, `make edit`) adds its reload script to every page it
// serves, this one too; the editor would then reload after each save (a save changes files,
// which rebuilds the site), dropping what is being typed in the next article. That script
// defines a global `livereload` and calls it; here the name is taken first by a function
// that does nothing (the script is not in strict mode: its assignment is ignored). Reload
// the editor yourself to see new choices, such as an added category.
Object.defineProperty(window, 'livereload', { value: function () {}, writable: false, configurable: false });
