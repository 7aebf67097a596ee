"""The language server (``skillframe lsp``): lint's diagnostics, hover, completion, go to
definition and fixes in the writer's editor. :mod:`.server` speaks the protocol (pygls);
:mod:`.analysis` answers from the checked files; :mod:`.positions` converts positions."""
