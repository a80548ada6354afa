// Fixture binding: the kernel scales `values` in place and the binding returns it.
at::Tensor param_scale(at::Tensor values, double alpha) {
    EXEC_NPU_CMD(aclnnParamScale, values, alpha);
    return values;
}
