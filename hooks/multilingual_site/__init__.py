"""The site's content model and its views: everything the hook modules in `hooks/` share.

The hook files (listed under `hooks:` in mkdocs.yml) handle MkDocs events and stay thin;
this package holds the work: the schema and loading of content (`models`, `loading`,
`content_checks`, `content_model`, `publishing`), what the build generates from it
(`generated_pages`, `listings`, `staging`), the plain data the templates show (`views`,
`member_directory`, `sharing`, `feed_writer`), language helpers (`i18n`), and the state one
build shares (`build_context`, `background`). MkDocs puts `hooks/` on sys.path while it loads
a hook file, so the hooks import this package by its absolute name; its modules import each
other relatively.
"""
