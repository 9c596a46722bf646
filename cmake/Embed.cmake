# recarga_embed(<target> <symbol> <files...>): adds a generated source to <target> embedding <files>.
function(recarga_embed target symbol)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp")
    add_custom_command(
        OUTPUT "${out}"
        COMMAND ${CMAKE_COMMAND} -DOUTPUT=${out} -DSYMBOL=${symbol} "-DFILES=${ARGN}"
                -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
        DEPENDS ${ARGN} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
        COMMENT "Embedding ${symbol}"
        VERBATIM)
    target_sources(${target} PRIVATE "${out}")
endfunction()
